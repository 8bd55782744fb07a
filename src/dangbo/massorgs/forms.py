"""Forms of the mass-organization pages. Forms check what was typed; the services decide."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.core.scope import Action
from dangbo.massorgs.models import ActivityKind, MassOrgKind, Purpose
from dangbo.members.forms import StyledForm, date_field
from dangbo.orgs.models import Organization


def _all(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "Tất cả"), *[(k, v) for k, v in choices if k]]


class MassOrgFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True, empty_label="Tất cả trong phạm vi"
    )
    kind = forms.ChoiceField(label="Đoàn thể", required=False, choices=_all(MassOrgKind.choices))

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Tên đoàn thể, cơ quan (không cần dấu)", "type": "search"}
        )
        self.style()


class ActivityFilterForm(MassOrgFilterForm):
    activity_kind = forms.ChoiceField(
        label="Loại hoạt động", required=False, choices=_all(ActivityKind.choices)
    )
    purpose = forms.ChoiceField(label="Mục đích", required=False, choices=_all(Purpose.choices))
    year = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "Nội dung hoạt động (không cần dấu)"


class MassOrgForm(StyledForm, VersionedFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Loại đoàn thể", choices=MassOrgKind.choices)
    party_org = OrgPickerField(label="Tổ chức đảng lãnh đạo", indent=True)
    name = forms.CharField(label="Tên tổ chức đoàn thể", max_length=255)
    host_unit_name = forms.CharField(label="Cơ quan, đơn vị", max_length=255, required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["party_org"]).setup(orgs, action=Action.VIEW)
        self.fields["name"].widget.attrs["placeholder"] = "Ví dụ: Công đoàn Sở Tài chính"
        self.style()


class TermForm(StyledForm, forms.Form):
    name = forms.CharField(label="Nhiệm kỳ", max_length=16)
    congress_on = date_field("Ngày đại hội")
    chair_name = forms.CharField(label="Chủ tịch / Bí thư", max_length=128, required=False)
    committee_size = forms.IntegerField(
        label="Số ủy viên ban chấp hành", required=False, min_value=1, max_value=999
    )
    note = forms.CharField(label="Ghi chú", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["placeholder"] = "2022–2027"
        self.style()


class MembershipForm(StyledForm, forms.Form):
    as_of = date_field("Tính đến ngày")
    members = forms.IntegerField(label="Số đoàn viên, hội viên", min_value=0)
    note = forms.CharField(label="Ghi chú", required=False, max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class MoneyField(forms.CharField):
    """Đồng, typed the Vietnamese way or not: "257.000.000", "257 000 000", "257000000"."""

    def to_python(self, value: Any) -> int:  # type: ignore[override]
        text = re.sub(r"[\s.]", "", str(value or "")).removesuffix("đ").removesuffix("đồng")
        if not text:
            return 0
        if not text.isdecimal():
            raise forms.ValidationError("Số tiền ghi bằng chữ số, đơn vị đồng (ví dụ 257.000.000).")
        return int(text)


class ActivityForm(StyledForm, VersionedFormMixin, forms.Form):
    date = date_field("Ngày")
    kind = forms.ChoiceField(label="Loại hoạt động", choices=ActivityKind.choices)
    title = forms.CharField(label="Nội dung", max_length=255)
    purpose = forms.ChoiceField(label="Mục đích sử dụng tiền", required=False,
                                choices=[("", "– Không có tiền –"),
                                         *[(k, v) for k, v in Purpose.choices if k]])  # fmt: skip
    amount_vnd = MoneyField(label="Số tiền (đồng)", required=False)
    houses = forms.IntegerField(label="Số nhà", min_value=0, initial=0, required=False)
    blood_units = forms.IntegerField(label="Đơn vị máu", min_value=0, initial=0, required=False)
    beneficiaries = forms.IntegerField(
        label="Số người được hỗ trợ", min_value=0, initial=0, required=False
    )
    notes = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount_vnd"].widget.attrs["placeholder"] = "257.000.000"
        self.style()

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "date": d["date"], "kind": d["kind"], "title": d["title"],
            "purpose": d["purpose"] or "", "amount_vnd": d["amount_vnd"] or 0,
            "houses": d["houses"] or 0, "blood_units": d["blood_units"] or 0,
            "beneficiaries": d["beneficiaries"] or 0, "notes": d["notes"] or "",
        }  # fmt: skip
