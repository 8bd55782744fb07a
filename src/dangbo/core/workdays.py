"""Working days (ngày làm việc) in Viet Nam: Monday to Friday, less the public holidays.

Party deadlines are counted in working days (Quy định 232-QĐ/TW, 4.3.1: "60 ngày làm
việc"). Holidays come from the `holidays` package (Bộ luật Lao động 2019, Điều 112, with
the lunar Tết and Giỗ Tổ dates and the days off the Government moves each year).
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays


@functools.lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day on which `days` working days after `start` have passed (start not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
