"""Forms of the study pages. Forms check what was typed; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action
from dangbo.members.forms import StyledForm, date_field
from dangbo.members.models import Member
from dangbo.orgs.models import Organization
from dangbo.studies.models import ClassKind, ContestKind, Prize, Result, SessionKind, TheoryLevel


def _org_field(label: str = "Tổ chức đảng") -> OrgPickerField:
    return OrgPickerField(label=label, indent=True)


class FilterForm(StyledForm, forms.Form):
    """Search (without diacritics), organization, year, kind (GET)."""

    q = forms.CharField(label="Tìm kiếm", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True, empty_label="Tất cả trong phạm vi"
    )
    year = forms.IntegerField(label="Năm", min_value=1950, max_value=2100, required=False)
    kind = forms.ChoiceField(label="Loại", required=False)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "Tất cả"), *kinds]
        self.style()


class SessionForm(StyledForm, VersionedFormMixin, forms.Form):
    org = _org_field("Tổ chức đảng tổ chức")
    kind = forms.ChoiceField(label="Hình thức", choices=SessionKind.choices)
    title = forms.CharField(label="Tên hội nghị, buổi học tập", max_length=400)
    subject = forms.CharField(
        label="Văn bản, chuyên đề học tập", widget=forms.Textarea(attrs={"rows": 2})
    )
    document_number = forms.CharField(
        label="Số văn bản", max_length=64, required=False,
        help_text="Ví dụ: Nghị quyết số 05-NQ/ĐUK, Kết luận số 01-KL/TW.",
    )  # fmt: skip
    theme_year = forms.IntegerField(
        label="Chuyên đề năm", min_value=1950, max_value=2100, required=False
    )
    held_on = date_field("Ngày tổ chức")
    notes = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.EDUCATE)
        self.style()


class BridgePointForm(StyledForm, VersionedFormMixin, forms.Form):
    org = _org_field("Tổ chức đảng tại điểm cầu")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    members_expected = forms.IntegerField(
        label="Số đảng viên phải dự", min_value=0, required=False,
        help_text="Để trống: hệ thống tính số đảng viên của tổ chức vào ngày học tập.",
    )  # fmt: skip
    non_members_present = forms.IntegerField(
        label="Số quần chúng dự", min_value=0, initial=0, required=False
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.EDUCATE)
        self.style()


class AttendanceForm(StyledForm, forms.Form):
    members = forms.TypedMultipleChoiceField(
        label="Đảng viên có mặt", coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    non_members_present = forms.IntegerField(label="Số quần chúng dự", min_value=0)

    def __init__(self, *args: Any, members: list[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["members"]).choices = [
            (m.pk, m.person.full_name) for m in members
        ]
        self.style()


class ClassForm(StyledForm, VersionedFormMixin, forms.Form):
    org = _org_field("Tổ chức đảng mở lớp")
    kind = forms.ChoiceField(label="Loại lớp", choices=ClassKind.choices)
    level = forms.ChoiceField(label="Trình độ", choices=TheoryLevel.choices, required=False)
    title = forms.CharField(label="Tên lớp", max_length=400)
    starts_on = date_field("Ngày khai giảng")
    ends_on = date_field("Ngày bế giảng")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    organizer = forms.CharField(label="Đơn vị tổ chức, giảng dạy", max_length=255, required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.EDUCATE)
        self.style()


class LearnerForm(StyledForm, forms.Form):
    member = forms.ModelChoiceField(
        label="Đảng viên", queryset=Member.objects.none(), required=False,
        empty_label="– Không phải đảng viên: nhập họ tên –",
    )  # fmt: skip
    full_name = forms.CharField(label="Họ và tên", max_length=128, required=False)
    birth_date = date_field("Ngày sinh", required=False)
    unit = forms.CharField(label="Đơn vị công tác, chi bộ", max_length=255, required=False)

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["member"])
        field.queryset = members
        field.label_from_instance = lambda m: (  # type: ignore[method-assign,assignment]
            f"{m.person.full_name} ({m.cell.name if m.cell else ''})"
        )
        self.style()


class ResultForm(StyledForm, forms.Form):
    result = forms.ChoiceField(label="Kết quả", choices=Result.choices, required=False)
    certificate_number = forms.CharField(label="Số giấy chứng nhận", max_length=64, required=False)
    certificate_date = date_field("Ngày cấp giấy chứng nhận", required=False)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ContestForm(StyledForm, VersionedFormMixin, forms.Form):
    org = _org_field("Tổ chức đảng tổ chức")
    kind = forms.ChoiceField(label="Loại hội thi", choices=ContestKind.choices)
    title = forms.CharField(label="Tên hội thi", max_length=400)
    held_on = date_field("Ngày tổ chức (chung kết)")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.EDUCATE)
        self.style()


class EntrantForm(StyledForm, VersionedFormMixin, forms.Form):
    member = forms.ModelChoiceField(
        label="Đảng viên", queryset=Member.objects.none(), required=False,
        empty_label="– Không phải đảng viên: nhập họ tên –",
    )  # fmt: skip
    full_name = forms.CharField(label="Họ và tên", max_length=128, required=False)
    org = OrgPickerField(label="Đơn vị dự thi", indent=True, required=False)
    topic = forms.CharField(label="Bài, phần dự thi", max_length=400, required=False)
    prize = forms.ChoiceField(label="Giải", choices=Prize.choices, required=False)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(
        self, *args: Any, members: QuerySet[Member], orgs: QuerySet[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["member"])
        field.queryset = members
        field.label_from_instance = lambda m: (  # type: ignore[method-assign,assignment]
            f"{m.person.full_name} ({m.cell.name if m.cell else ''})"
        )
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        self.style()
