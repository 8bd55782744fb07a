"""Forms of the đảng phí pages. They check what was typed; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from dangbo.dues import rules
from dangbo.dues.models import BasisKind, Channel, ReliefKind
from dangbo.members.forms import StyledForm, date_field


class MonthField(forms.Field):
    """A month typed as mm/yyyy (also yyyy-mm), cleaned to its first day."""

    widget = forms.TextInput(attrs={"placeholder": "mm/yyyy", "inputmode": "numeric"})

    def to_python(self, value: Any) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        try:
            return rules.parse_month(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def prepare_value(self, value: Any) -> Any:
        return rules.format_month(value) if isinstance(value, dt.date) else value


def money_field(label: str, *, required: bool = True, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        help_text=help_text,
        error_messages={
            "invalid": "Nhập số nguyên đồng (ví dụ 85000).",
            "min_value": "Số tiền không được âm.",
            "required": "Nhập số tiền.",
        },
    )


class PaymentForm(StyledForm, forms.Form):
    month = MonthField(label="Tháng")
    amount_paid = money_field("Đã đóng (đồng)", help_text="Tổng số đã đóng của tháng.")
    paid_on = date_field("Ngày đóng", required=False)
    channel = forms.ChoiceField(
        label="Hình thức", choices=[("", "—"), *Channel.choices], required=False
    )
    excused_reason = forms.CharField(
        label="Lý do chính đáng chưa đóng",
        max_length=255,
        required=False,
        help_text=(
            "Tháng có lý do chính đáng không tính vào 3 tháng chưa đóng (Điều lệ Đảng, Điều 8)."
        ),
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)
    confirm_large = forms.BooleanField(
        label="Xác nhận số tiền lớn",
        required=False,
        help_text="Đánh dấu khi số đã đóng lớn hơn 10 lần số phải đóng mà vẫn đúng.",
    )


class BasisForm(StyledForm, forms.Form):
    from_month = MonthField(label="Từ tháng")
    kind = forms.ChoiceField(label="Căn cứ đóng", choices=BasisKind.choices)
    amount = money_field(
        "Mức căn cứ (đồng)",
        required=False,
        help_text=(
            "Tiền lương đóng BHXH, tiền công, trợ cấp hoặc lương hưu; với đảng viên khác "
            "(và học sinh, sinh viên trước 02/2026) là mức đóng cố định hằng tháng."
        ),
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def clean_amount(self) -> int:
        return int(self.cleaned_data.get("amount") or 0)


class ReliefForm(StyledForm, forms.Form):
    kind = forms.ChoiceField(label="Trường hợp", choices=ReliefKind.choices)
    percent = forms.IntegerField(
        label="Mức miễn, giảm (%)",
        min_value=1,
        max_value=100,
        help_text=(
            "100 = miễn; khó khăn: giảm 30, 50, 70% hoặc miễn tối đa 12 tháng (Quy định 01-QĐ/TW)."
        ),
        error_messages={
            "invalid": "Nhập số phần trăm.",
            "min_value": "Tối thiểu 1%.",
            "max_value": "Tối đa 100%.",
        },
    )
    from_month = MonthField(label="Từ tháng")
    to_month = MonthField(label="Đến tháng", required=False)
    reason = forms.CharField(label="Lý do", max_length=255)
    decision_number = forms.CharField(label="Số quyết định", max_length=64, required=False)
    decision_date = date_field("Ngày quyết định", required=False)


class PrepareForm(forms.Form):
    org = forms.IntegerField()
    month = MonthField()


class ImportForm(StyledForm, forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        error_messages={"required": "Chọn tệp .xlsx để nhập.", "empty": "Tệp rỗng."},
    )
