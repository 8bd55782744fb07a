"""Forms of the report pages: a new report (scope, period with presets), a paragraph, meta."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from dangbo.core.scope import Action, scoped
from dangbo.core.secrecy import Secrecy
from dangbo.orgs.models import Organization
from dangbo.reports.models import Template

PRESETS = (
    ("half_year", "6 tháng đầu năm"),
    ("nine_months", "9 tháng đầu năm"),
    ("year", "Cả năm"),
    ("term", "Nhiệm kỳ 2020 – 2025"),
    ("custom", "Tự chọn từ ngày … đến ngày …"),
)


def preset_period(preset: str, year: int) -> tuple[dt.date, dt.date] | None:
    if preset == "half_year":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if preset == "nine_months":
        return dt.date(year, 1, 1), dt.date(year, 9, 30)
    if preset == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if preset == "term":
        return dt.date(2020, 10, 1), dt.date(2025, 9, 30)
    return None


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}, **kwargs)


class ReportCreateForm(forms.Form):
    org = forms.ModelChoiceField(
        label="Tổ chức đảng", queryset=Organization.objects.none(),
        error_messages={"required": "Hãy chọn tổ chức đảng.",
                        "invalid_choice": "Tổ chức đảng không thuộc phạm vi của bạn."},
    )  # fmt: skip
    preset = forms.ChoiceField(label="Kỳ báo cáo", choices=PRESETS, initial="nine_months")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    period_start = forms.DateField(label="Từ ngày", required=False, widget=DateInput(),
                                   input_formats=["%d/%m/%Y", "%Y-%m-%d"])  # fmt: skip
    period_end = forms.DateField(label="Đến ngày", required=False, widget=DateInput(),
                                 input_formats=["%d/%m/%Y", "%Y-%m-%d"])  # fmt: skip
    template = forms.ChoiceField(label="Mẫu", choices=Template.choices, initial=Template.FULL)
    secrecy = forms.ChoiceField(label="Độ mật", choices=Secrecy.choices, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = scoped(
            user, Action.OFFICE, Organization.objects.filter(dissolved_on__isnull=True)
        ).order_by("path")
        self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        preset, year = data.get("preset"), data.get("year")
        if preset and preset != "custom" and year:
            span = preset_period(preset, year)
            if span:
                data["period_start"], data["period_end"] = span
        start, end = data.get("period_start"), data.get("period_end")
        if preset == "custom":
            if not start:
                self.add_error("period_start", "Hãy nhập ngày bắt đầu kỳ báo cáo.")
            if not end:
                self.add_error("period_end", "Hãy nhập ngày kết thúc kỳ báo cáo.")
        if start and end and start > end:
            self.add_error("period_end", "Ngày kết thúc kỳ phải sau ngày bắt đầu.")
        return data


class ParagraphForm(forms.Form):
    text = forms.CharField(
        label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReportMetaForm(forms.Form):
    title = forms.CharField(label="Trích yếu", max_length=255,
                            error_messages={"required": "Hãy nhập trích yếu báo cáo."})  # fmt: skip
    dated = forms.DateField(label="Ngày báo cáo", widget=DateInput(),
                            input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                            error_messages={"invalid": "Ngày không hợp lệ."})  # fmt: skip
    secrecy = forms.ChoiceField(label="Độ mật", choices=Secrecy.choices, required=False)
