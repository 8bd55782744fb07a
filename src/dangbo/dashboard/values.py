"""What the dashboard's parts share: one read of the data version for all contexts of a
page, and figures written the Vietnamese way with their unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dangbo.core.text import format_number
from dangbo.indicators.registry import Context, IndicatorValue
from dangbo.orgs.models import Organization

# Past this many months a time series is drawn by year ends; past this many quarters, the
# inspections by year.
MAX_MONTHS = 24
MAX_QUARTERS = 8
# How many years of ratings a chart compares at most.
MAX_RATING_YEARS = 6
ROMAN = ["I", "II", "III", "IV"]


def display(value: IndicatorValue | Decimal | None, unit: str = "") -> str:
    """A figure written the Vietnamese way with its unit: "3.407 đảng viên", "75%",
    "96,67%", "1.830,8 triệu đồng"."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        return display(sum(value.values()), unit)
    number: float | int | Decimal = value
    if unit == "đồng" and abs(float(number)) >= 1_000_000:
        number, unit = float(number) / 1_000_000, "triệu đồng"
    if isinstance(number, int) or number == int(number):
        text = format_number(int(number))
    else:
        text = format_number(number, 2 if unit == "%" else 1)
    if unit == "%":
        return text + "%"
    return f"{text} {unit}".strip()


class Contexts:
    """Contexts of one scope sharing a single read of the data version (one query)."""

    def __init__(self, org: Organization) -> None:
        self.org = org
        self._version: str | None = None

    def make(self, at: dt.date, period: tuple[dt.date, dt.date] | None = None) -> Context:
        context = Context(scope=self.org, at=at, period=period)
        if self._version is None:
            self._version = context.data_version
        else:
            context.__dict__["data_version"] = self._version
        return context
