"""Forms of the discipline pages. Forms check what was typed; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.scope import Action
from dangbo.discipline.models import (
    BodyKind,
    CaseKind,
    CaseStatus,
    ComplaintOutcome,
    Form,
    SubjectKind,
)
from dangbo.discipline.selectors import LEVEL_CHOICES
from dangbo.members.forms import StyledForm, date_field
from dangbo.orgs.models import Organization

MEMBER_FORMS = [(f.value, f.label) for f in Form if f != Form.DISSOLUTION]
ORG_FORMS = [(f.value, f.label) for f in (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)]


class CaseFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    year = forms.IntegerField(label="Năm", min_value=1950, max_value=2100, required=False)
    form = forms.ChoiceField(
        label="Hình thức", required=False, choices=[("", "Tất cả"), *Form.choices]
    )
    level = forms.ChoiceField(
        label="Cấp quyết định", required=False, choices=[("", "Tất cả"), *LEVEL_CHOICES]
    )
    subject_kind = forms.ChoiceField(
        label="Đối tượng", required=False, choices=[("", "Tất cả"), *SubjectKind.choices]
    )
    kind = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *CaseKind.choices]
    )
    status = forms.ChoiceField(
        label="Tình trạng",
        required=False,
        choices=[("", "Tất cả"), *CaseStatus.choices, ("late_notice", "Thông báo chậm")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Họ tên, tên tổ chức (không cần dấu) hoặc số quyết định",
             "type": "search"}
        )  # fmt: skip
        self.style()


class _DecisionFields(StyledForm, forms.Form):
    violation = forms.CharField(label="Nội dung vi phạm", widget=forms.Textarea(attrs={"rows": 3}))
    violation_on = date_field("Ngày vi phạm")
    found_on = date_field("Ngày phát hiện / kết luận vi phạm")
    later_violation_on = date_field("Ngày có vi phạm mới (nếu có)", required=False)
    body_org = OrgPickerField(label="Tổ chức đảng của cơ quan quyết định")
    body_kind = forms.ChoiceField(label="Cơ quan quyết định", choices=BodyKind.choices)
    form = forms.ChoiceField(label="Hình thức kỷ luật", choices=MEMBER_FORMS)
    decision_number = forms.CharField(label="Số quyết định", max_length=64)
    decision_date = date_field("Ngày quyết định")
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, bodies: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["body_org"]).setup(bodies, action=Action.INSPECT)
        self.fields[
            "later_violation_on"
        ].help_text = (
            "Vi phạm mới của cùng đối tượng tính lại thời hiệu (Quy định 69-QĐ/TW Điều 4)."
        )
        # Subclasses call self.style() last: it reads self.errors, which validates.

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["note"] = data.get("note") or ""
        return data


class MemberCaseForm(_DecisionFields):
    vote_on = date_field("Ngày chi bộ biểu quyết (khai trừ)", required=False)
    votes_for = forms.IntegerField(
        label="Số đảng viên chính thức tán thành (khai trừ)", min_value=0, required=False
    )
    field_order = [
        "violation", "violation_on", "found_on", "later_violation_on", "body_org", "body_kind",
        "form", "vote_on", "votes_for", "decision_number", "decision_date", "note",
    ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["votes_for"].help_text = (
            "Khai trừ cần ít nhất 2/3 số đảng viên chính thức của chi bộ tán thành; hệ thống "
            "đếm số đảng viên chính thức vào ngày biểu quyết."
        )
        self.style()


class OrgCaseForm(_DecisionFields):
    organization = OrgPickerField(label="Tổ chức đảng bị kỷ luật")
    field_order = ["organization", *MemberCaseForm.field_order]

    def __init__(self, *args: Any, subjects: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["organization"]).setup(subjects, action=Action.INSPECT)
        cast(forms.ChoiceField, self.fields["form"]).choices = ORG_FORMS
        self.fields["body_kind"].choices = [c for c in BodyKind.choices if c[0] != BodyKind.CELL]  # type: ignore[attr-defined]
        self.style()


class ExternalForm(StyledForm, forms.Form):
    external_body = forms.CharField(label="Cơ quan, tổ chức ra quyết định", max_length=255)
    external_form = forms.CharField(label="Hình thức kỷ luật", max_length=128)
    violation = forms.CharField(label="Nội dung vi phạm", widget=forms.Textarea(attrs={"rows": 3}))
    violation_on = date_field("Ngày vi phạm", required=False)
    decision_number = forms.CharField(label="Số quyết định", max_length=64)
    decision_date = date_field("Ngày quyết định")
    notified_on = date_field("Ngày tổ chức đảng nhận được thông báo", required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "notified_on"
        ].help_text = (
            "Cơ quan, tổ chức phải thông báo cho tổ chức đảng trong 5 ngày (Quy định 296-QĐ/TW)."
        )
        self.style()

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["note"] = data.get("note") or ""
        return data


class ComplaintForm(StyledForm, forms.Form):
    received_on = date_field("Ngày nhận đơn khiếu nại")
    body = forms.CharField(label="Cơ quan giải quyết", max_length=255, required=False)
    outcome = forms.ChoiceField(
        label="Kết quả", choices=[c for c in ComplaintOutcome.choices if c[0]]
    )
    decided_on = date_field("Ngày giải quyết", required=False)
    changed_form = forms.ChoiceField(
        label="Hình thức sau khi giải quyết (nếu thay đổi)",
        required=False,
        choices=[("", "–"), *Form.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
