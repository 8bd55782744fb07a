"""Forms of the account pages. They collect input; accounts.services checks and writes,
and its ValidationErrors are put back next to the fields (orgs.forms.apply_service_errors).
Reasons are optional here so that the service's own message is the one shown."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from dangbo.accounts.models import Role
from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.scope import Action, scoped
from dangbo.orgs.forms import StyledForm, VnDateField
from dangbo.orgs.models import Organization


def role_orgs(user: Any) -> QuerySet[Organization]:
    """Active organizations on which `user` may grant roles, in tree order."""
    active = Organization.objects.filter(dissolved_on__isnull=True).order_by("path")
    return scoped(user, Action.MANAGE_ROLES, active)


class AccountFilterForm(forms.Form):
    q = forms.CharField(
        label="Tìm",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "Tên đăng nhập, họ tên, thư điện tử"}
        ),
    )


class RoleFieldsMixin(forms.Form):
    role = forms.ChoiceField(label="Vai trò", choices=[("", "– Chọn –"), *Role.choices])
    organization = OrgPickerField(label="Tại tổ chức")
    starts_on = VnDateField(label="Từ ngày", help_text="Vai trò có hiệu lực từ ngày này.")
    reason = forms.CharField(
        label="Căn cứ", max_length=255, required=False, help_text="Ví dụ: Quyết định số 12-QĐ/ĐU"
    )

    def setup_roles(self, user: Any) -> None:
        field = self.fields["organization"]
        assert isinstance(field, OrgPickerField)
        field.setup(role_orgs(user), action=Action.MANAGE_ROLES)
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())


class RoleGrantForm(RoleFieldsMixin, StyledForm):
    ends_on = VnDateField(
        label="Đến ngày", required=False, help_text="Để trống nếu chưa định ngày kết thúc."
    )
    field_order = ["role", "organization", "starts_on", "ends_on", "reason"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_roles(user)


class RoleEndForm(StyledForm):
    ends_on = VnDateField(
        label="Ngày kết thúc", help_text="Vai trò còn hiệu lực hết ngày này; ghi hôm qua để "
        "thôi ngay."
    )  # fmt: skip
    reason = forms.CharField(label="Lý do kết thúc", max_length=255, required=False)


class AccountCreateForm(RoleFieldsMixin, StyledForm):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )
    password = forms.CharField(
        label="Mật khẩu ban đầu", strip=False, widget=forms.PasswordInput(render_value=False)
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu", strip=False, widget=forms.PasswordInput(render_value=False)
    )
    field_order = [
        "username", "full_name", "email", "password", "password2",
        "role", "organization", "starts_on", "reason",
    ]  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_roles(user)

    def clean_password2(self) -> str:
        first, second = self.cleaned_data.get("password"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("Hai lần nhập mật khẩu không khớp.")
        return str(second or "")
