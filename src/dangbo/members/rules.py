"""Membership rules, each with the regulation it comes from.

Rule sets are chosen by the date they apply to; issue-specific rule sets
(admission, rating, discipline) add their own modules beside this one.
"""

from __future__ import annotations

import datetime as dt


def probation_months(at: dt.date) -> int:
    """Điều lệ Đảng (2011), Điều 5: thời gian dự bị là 12 tháng, counted from the admission
    ceremony (Quy định 232-QĐ/TW, 4.2); full membership dates from its end."""
    return 12


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    # Clamp 29–31 to the last day of a shorter month.
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def probation_end(starts_on: dt.date) -> dt.date:
    """Full membership counts from the day after 12 months of probation end."""
    return add_months(starts_on, probation_months(starts_on))


def party_age_from(admitted_on: dt.date | None, gap_days: int) -> dt.date | None:
    """The day Party age counts from: the (first) admission decision, moved later by the
    time spent out of the Party (Quy định 24-QĐ/TW, 4.5.1: "trừ thời gian không tham gia
    sinh hoạt đảng")."""
    if admitted_on is None:
        return None
    return admitted_on + dt.timedelta(days=gap_days)


# Party badge levels (Huy hiệu Đảng), years of Party age: HD 01-HD/TW (2021) mục 18,
# replaced by HD 06-HD/TW (2025); the levels are assumed unchanged (RULES.md: Medium).
BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
