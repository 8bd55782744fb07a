"""Forms of the badge pages. Forms check what was typed; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.badges import rules
from dangbo.badges.models import AwardStatus, EarlyReason, Occasion
from dangbo.core.scope import Action
from dangbo.members.forms import StyledForm, date_field
from dangbo.orgs.models import Organization


def level_choices(empty: str | None = None) -> list[tuple[Any, str]]:
    levels = rules.rules_at(dt.date.today()).levels  # noqa: DTZ011 - a calendar day
    choices: list[tuple[Any, str]] = [(y, f"{y} năm tuổi đảng") for y in levels]
    return [("", empty), *choices] if empty is not None else choices


class ProposalFilterForm(StyledForm, forms.Form):
    """The filters of the proposal list (GET)."""

    year = forms.IntegerField(label="Năm", min_value=1950, max_value=2100, required=False)
    by = date_field("Hoặc đến ngày trao", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True, empty_label="Tất cả trong phạm vi"
    )
    years = forms.TypedChoiceField(label="Mốc", required=False, coerce=int, empty_value=None)
    backlog = forms.BooleanField(label="Gồm cả người đủ tuổi từ trước, chưa được trao",
                                 required=False)  # fmt: skip

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        cast(forms.TypedChoiceField, self.fields["years"]).choices = level_choices("Tất cả")
        self.style()


class AwardListFilterForm(StyledForm, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    org = OrgPickerField(
        label="Tổ chức đảng", required=False, indent=True, empty_label="Tất cả trong phạm vi"
    )
    year = forms.IntegerField(label="Năm trao", min_value=1950, max_value=2100, required=False)
    years = forms.TypedChoiceField(label="Mốc", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Tất cả"), *AwardStatus.choices]
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(OrgPickerField, self.fields["org"]).setup(orgs, action=Action.VIEW)
        cast(forms.TypedChoiceField, self.fields["years"]).choices = level_choices("Tất cả")
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Họ tên (không cần dấu) hoặc số quyết định", "type": "search"}
        )
        self.style()


class DecisionForm(StyledForm, forms.Form):
    """What one decision of award shares: number, dates, occasion."""

    decision_number = forms.CharField(label="Số quyết định", max_length=64)
    decision_date = date_field("Ngày quyết định")
    presented_on = date_field("Ngày trao")
    occasion = forms.ChoiceField(label="Dịp trao", choices=Occasion.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_number"].widget.attrs["placeholder"] = "Ví dụ: 125-QĐ/TU"
        if type(self) is DecisionForm:  # style() validates: subclasses finish their fields first
            self.style()

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "decision_number": data["decision_number"].strip(),
            "decision_date": data["decision_date"],
            "presented_on": data["presented_on"],
            "occasion": data["occasion"],
        }


class AwardForm(DecisionForm):
    """One member's award."""

    years = forms.TypedChoiceField(label="Huy hiệu", coerce=int)
    early_reason = forms.ChoiceField(
        label="Trường hợp", choices=EarlyReason.choices, required=False
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = ["years", "decision_number", "decision_date", "presented_on", "occasion",
                   "early_reason", "note"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["years"]).choices = level_choices()
        self.style()


class ReturnForm(StyledForm, forms.Form):
    returned_on = date_field("Ngày thu hồi")
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ReissueForm(StyledForm, forms.Form):
    reissued_on = date_field("Ngày cấp lại")
    reason = forms.CharField(label="Lý do cấp lại", max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
