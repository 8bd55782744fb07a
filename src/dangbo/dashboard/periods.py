"""The periods the dashboard offers: a year, its first half, its first nine months, a
quarter, the committee term, or any A..B."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from dangbo.core.text import format_date
from dangbo.orgs.models import Organization, Term

# (value, label) of the preset periods, in the order the form lists them.
PRESETS: list[tuple[str, str]] = [
    ("year", "Cả năm"),
    ("h1", "6 tháng đầu năm"),
    ("m9", "9 tháng đầu năm"),
    ("q1", "Quý I"),
    ("q2", "Quý II"),
    ("q3", "Quý III"),
    ("q4", "Quý IV"),
    ("term", "Nhiệm kỳ cấp ủy"),
    ("custom", "Tùy chọn (từ ngày … đến ngày …)"),
]
_QUARTER_START = {"q1": 1, "q2": 4, "q3": 7, "q4": 10}


@dataclass(frozen=True)
class Period:
    """A period of the dashboard: figures are counted from `start` up to `at` (the end, or
    today while the period runs) and projected to `end`."""

    start: dt.date
    end: dt.date
    at: dt.date
    preset: str
    label: str

    @property
    def so_far(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.at)

    @property
    def running(self) -> bool:
        return self.at < self.end


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def term_of(org: Organization, on: dt.date) -> Term | None:
    """The committee term of `org`, or of its nearest ancestor with one, current on `on`."""
    paths = [org.path[:n] for n in range(len(org.path), 0, -org.steplen)]
    terms = Term.objects.filter(org__path__in=paths, starts_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )
    by_path = {t.org.path: t for t in terms.select_related("org").order_by("starts_on")}
    for path in paths:  # the nearest first
        if path in by_path:
            return by_path[path]
    return None


def period_for(
    org: Organization,
    *,
    preset: str,
    year: int,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Period:
    """The period of `preset` in `year` (or `start`..`end` for "custom"), counted up to
    today at most. Raise ValueError (a Vietnamese message) when it cannot be formed."""
    if preset == "custom":
        if start is None or end is None:
            raise ValueError("Hãy nhập cả ngày bắt đầu và ngày kết thúc của kỳ.")
        if start > end:
            raise ValueError("Ngày bắt đầu phải trước ngày kết thúc.")
        label = f"Từ {format_date(start)} đến {format_date(end)}"
    elif preset == "term":
        term = term_of(org, min(today, _year_end(year)))
        if term is None:
            raise ValueError(f"Chưa ghi nhiệm kỳ cấp ủy của {org.name} trong năm {year}.")
        start = term.starts_on
        end = term.ends_on or dt.date(term.starts_on.year + 5, term.starts_on.month, 1)
        label = f"Nhiệm kỳ {term.name} ({format_date(start)} – {format_date(end)})"
    elif preset in _QUARTER_START:
        month = _QUARTER_START[preset]
        start = dt.date(year, month, 1)
        end = month_end(year, month + 2)
        label = f"{dict(PRESETS)[preset]} năm {year}"
    elif preset == "h1":
        start, end = dt.date(year, 1, 1), dt.date(year, 6, 30)
        label = f"6 tháng đầu năm {year}"
    elif preset == "m9":
        start, end = dt.date(year, 1, 1), dt.date(year, 9, 30)
        label = f"9 tháng đầu năm {year}"
    elif preset == "year":
        start, end = dt.date(year, 1, 1), _year_end(year)
        label = f"Năm {year}"
    else:
        raise ValueError("Kỳ không hợp lệ.")
    if start > today:
        raise ValueError(f"Kỳ bắt đầu sau hôm nay ({format_date(today)}): chưa có số liệu.")
    at = min(end, today)
    if at < end:
        label += f", tính đến {format_date(at)}"
    return Period(start=start, end=end, at=at, preset=preset, label=label)
