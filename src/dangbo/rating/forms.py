"""Forms of the rating pages. They check what was typed; the services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dangbo.backoffice.widgets import OrgPickerField
from dangbo.core.locking import VersionedFormMixin
from dangbo.members.forms import StyledForm, date_field
from dangbo.rating.models import (
    CommentExemption,
    CommentResult,
    DisciplineForm,
    Grade,
    RoundStatus,
)

GRADE_CHOICES = [("", "– Chưa xếp loại –"), *Grade.choices]


def _score_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="Điểm (thang 100)",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": "Điểm phải từ 0 đến 100.",
            "max_value": "Điểm phải từ 0 đến 100.",
            "invalid": "Điểm phải là số nguyên.",
        },
        widget=forms.NumberInput(attrs={"style": "width: 6rem"}),
    )


class RoundFilterForm(StyledForm, forms.Form):
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *RoundStatus.choices]
    )


class RoundOpenForm(StyledForm, forms.Form):
    scope = OrgPickerField(label="Phạm vi (tổ chức cơ sở đảng hoặc cấp trên)")
    year = forms.IntegerField(label="Năm xếp loại", min_value=2000, max_value=2100)
    reference_on = date_field("Ngày chốt danh sách", required=False)
    opened_on = date_field("Ngày mở đợt")
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea({"rows": 2}))

    field_order = ["scope", "year", "reference_on", "opened_on", "note"]


class ProposalRowForm(StyledForm, forms.Form):
    """One member's row on the cell's proposal page."""

    grade = forms.ChoiceField(label="Chi bộ đề xuất", required=False, choices=GRADE_CHOICES)
    score = _score_field()
    suspended = forms.BooleanField(label="Đình chỉ sinh hoạt", required=False)
    disciplined = forms.BooleanField(label="Bị kỷ luật trong năm", required=False)
    discipline_form = forms.ChoiceField(
        label="Hình thức", required=False, choices=[("", "–"), *DisciplineForm.choices]
    )
    discipline_decision = forms.CharField(label="Số quyết định", required=False, max_length=64)
    discipline_on = date_field("Ngày quyết định", required=False)
    self_remedied = forms.BooleanField(label="Tự phát hiện, khắc phục xong", required=False)
    sick_leave_months = forms.IntegerField(
        label="Tháng nghỉ ốm",
        required=False,
        min_value=0,
        max_value=12,
        widget=forms.NumberInput(attrs={"style": "width: 5rem"}),
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


class DecisionRowForm(StyledForm, forms.Form):
    grade = forms.ChoiceField(label="Quyết định", required=False, choices=GRADE_CHOICES)
    score = _score_field()
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


class OrgProposeForm(StyledForm, forms.Form):
    grade = forms.ChoiceField(label="Tự đánh giá, đề xuất", required=False, choices=GRADE_CHOICES)
    score = _score_field()
    org_disciplined = forms.BooleanField(label="Tổ chức bị kỷ luật trong năm", required=False)
    leadership_disciplined = forms.BooleanField(
        label="Tập thể lãnh đạo (cấp ủy) bị kỷ luật trong năm", required=False
    )
    leadership_member_discipline = forms.ChoiceField(
        label="Kỷ luật cao nhất của thành viên lãnh đạo trong năm",
        required=False,
        choices=[("", "Không có"), *DisciplineForm.choices],
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


class OrgDecideForm(StyledForm, forms.Form):
    grade = forms.ChoiceField(label="Cấp trên quyết định", choices=GRADE_CHOICES)
    score = _score_field()
    decided_on = date_field("Ngày quyết định")
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


class LockForm(StyledForm, forms.Form):
    decided_on = date_field("Ngày quyết định")
    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=64)


class ResidenceCommentForm(StyledForm, VersionedFormMixin, forms.Form):
    residence_cell = forms.CharField(label="Chi bộ nơi cư trú", required=False, max_length=255)
    requested_on = date_field("Ngày gửi phiếu xin nhận xét", required=False)
    received_on = date_field("Ngày nhận nhận xét", required=False)
    result = forms.ChoiceField(
        label="Kết quả nhận xét", required=False, choices=[("", "–"), *CommentResult.choices]
    )
    remarks = forms.CharField(
        label="Nội dung nhận xét", required=False, widget=forms.Textarea({"rows": 3})
    )
    exempt = forms.BooleanField(
        label="Không phải lấy nhận xét hằng năm (Hướng dẫn 33-HD/BTCTW)", required=False
    )
    exempt_reason = forms.ChoiceField(
        label="Lý do", required=False, choices=[("", "–"), *CommentExemption.choices]
    )


def row_errors(forms_by_entry: Mapping[int, forms.BaseForm], exc: ValidationError) -> list[str]:
    """Put a batch service's errors ("<entry id>:<field>") next to the row's field; return
    the errors of the whole page."""
    page: list[str] = []
    for key, errors in exc.error_dict.items() if hasattr(exc, "error_dict") else []:
        messages = [m for e in errors for m in e.messages]
        entry_id, _, field = key.partition(":")
        form: Any = forms_by_entry.get(int(entry_id)) if entry_id.isdecimal() else None
        if form is None:
            page += messages
            continue
        name = field if field in form.fields else None
        for message in messages:
            form.add_error(name, message)
        form.style()
    if not hasattr(exc, "error_dict"):
        page += exc.messages
    return page
