"""The period form of the dashboard. It checks what was typed; dashboard.periods forms the
period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from dangbo.dashboard.periods import PRESETS, Period, period_for
from dangbo.members.forms import StyledForm, date_field
from dangbo.orgs.models import Organization


class PeriodForm(StyledForm, forms.Form):
    preset = forms.ChoiceField(label="Kỳ", choices=PRESETS, required=False)
    year = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=1945,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2021.",
            "min_value": "Năm không được trước %(limit_value)s.",
            "max_value": "Năm không được sau %(limit_value)s.",
        },
    )
    start = date_field("Từ ngày", required=False)
    end = date_field("Đến ngày", required=False)
    below = forms.BooleanField(label="Gồm chỉ tiêu của các tổ chức trực thuộc", required=False)

    def __init__(self, *args: Any, org: Organization, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.org = org
        self.today = today
        self.period: Period | None = None
        self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        preset = data.get("preset") or (
            "custom" if data.get("start") and data.get("end") else "year"
        )
        year = data.get("year") or self.today.year
        try:
            self.period = period_for(
                self.org,
                preset=preset,
                year=year,
                today=self.today,
                start=data.get("start"),
                end=data.get("end"),
            )
        except ValueError as exc:
            field = "start" if preset == "custom" else "preset"
            self.add_error(field, str(exc))
        return data
