"""Party badge (Huy hiệu Đảng) and Party age rules, each with the regulation it comes from.

- Party age (tuổi đảng) counts from the (first) admission decision, minus the time out of
  the Party (Quy định 24-QĐ/TW, 4.5.1: "trừ thời gian không tham gia sinh hoạt đảng"); the
  gaps are the stretches between an exit and the next entry, as members.history derives them.
- Badge levels, early awards and presentation days: Hướng dẫn 01-HD/TW (28/9/2021) mục 18,
  replaced by Hướng dẫn 06-HD/TW (09/6/2025), assumed unchanged (RULES.md §8: Medium), so
  every number is a field of a dated rule set (overridable by DANGBO_RULE_OVERRIDES["badges"]).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from dangbo.core.rulesets import RuleSet, pick
from dangbo.core.text import format_date
from dangbo.members.history import ENTRY_KINDS, EXIT_KINDS, EventLike, sort_events
from dangbo.members.rules import BADGE_YEARS, add_months

Gap = tuple[dt.date, dt.date | None]  # [left, came back); None: still out


@dataclasses.dataclass(frozen=True)
class BadgeRules(RuleSet):
    family: ClassVar[str] = "badges"
    # Years of Party age at which a badge is awarded.
    levels: tuple[int, ...]
    # Seriously ill members: up to `illness_early_months` early below `illness_high_from`
    # years, up to `illness_early_months_high` from it.
    illness_early_months: int
    illness_early_months_high: int
    illness_high_from: int
    posthumous_early_months: int
    # The presentation occasions as (month, day): 3/2, 19/5, 2/9, 7/11.
    occasion_days: tuple[tuple[int, int], ...]
    # How many days before or after the occasion day the ceremony may be held. Not in the
    # regulation (Low: local practice); a setting so a committee can tighten or widen it.
    occasion_window_days: int

    def cite(self) -> str:
        return self.name


# HD 01-HD/TW (28/9/2021) mục 18. Also used for earlier dates (the guides before it,
# e.g. HD 01-HD/TW of 2016, are not encoded: pick() falls back to the first version).
HD_01_2021 = BadgeRules(
    name="Hướng dẫn 01-HD/TW, mục 18",
    effective_from=dt.date(2021, 9, 28),
    source="HD 01-HD/TW (28/9/2021) mục 18; thuvienphapluat.vn/hoi-dap-phap-luat/55C58",
    levels=BADGE_YEARS,
    illness_early_months=12,
    illness_early_months_high=24,
    illness_high_from=70,
    posthumous_early_months=12,
    occasion_days=((2, 3), (5, 19), (9, 2), (11, 7)),
    occasion_window_days=31,
)
# HD 06-HD/TW (09/6/2025) replaces HD 01; the badge rules are assumed unchanged (Medium).
HD_06_2025 = dataclasses.replace(
    HD_01_2021,
    name="Hướng dẫn 06-HD/TW",
    effective_from=dt.date(2025, 6, 9),
    source="HD 06-HD/TW (09/6/2025), replacing HD 01-HD/TW (2021) mục 18 (RULES.md §8)",
)
VERSIONS: tuple[BadgeRules, ...] = (HD_01_2021, HD_06_2025)


def rules_at(day: dt.date) -> BadgeRules:
    return pick(VERSIONS, day)


# --- Party age ---------------------------------------------------------------------------


def gaps_of(events: Iterable[EventLike]) -> list[Gap]:
    """The stretches out of the Party: from an exit to the next entry (members.history
    counts the same days into Member.party_age_from)."""
    gaps: list[Gap] = []
    left: dt.date | None = None
    in_party = False
    for event in sort_events(events):
        if event.kind in ENTRY_KINDS and not in_party:
            if left is not None:
                gaps.append((left, event.date))
            in_party, left = True, None
        elif event.kind in EXIT_KINDS and in_party:
            in_party, left = False, event.date
    if left is not None:
        gaps.append((left, None))
    return gaps


def days_out_before(gaps: Sequence[Gap], at: dt.date) -> int:
    """Days out of the Party before `at` (a gap still open at `at` counts up to it)."""
    total = 0
    for start, end in gaps:
        if start >= at:
            continue
        total += ((end if end is not None and end < at else at) - start).days
    return total


@dataclass(frozen=True)
class PartyAge:
    years: int
    months: int

    def __str__(self) -> str:
        return f"{self.years} năm {self.months} tháng" if self.months else f"{self.years} năm"


def party_age_on(admitted_on: dt.date | None, gaps: Sequence[Gap], at: dt.date) -> PartyAge | None:
    """Party age in whole years and months on `at` (Quy định 24-QĐ/TW, 4.5.1)."""
    if admitted_on is None or at < admitted_on:
        return None
    start = admitted_on + dt.timedelta(days=days_out_before(gaps, at))
    if at < start:
        return PartyAge(0, 0)
    months = (at.year - start.year) * 12 + at.month - start.month
    if add_months(start, months) > at:
        months -= 1
    return PartyAge(months // 12, months % 12)


def level_reached_on(admitted_on: dt.date, gaps: Sequence[Gap], years: int) -> dt.date | None:
    """The day Party age reaches `years`: each gap that starts before that day pushes it
    later by its length. None if the member is out of the Party (for good) before it."""
    start = admitted_on
    for gap_start, gap_end in sorted(gaps):
        if gap_start >= add_months(start, 12 * years):
            break
        if gap_end is None:
            return None
        start += gap_end - gap_start
    return add_months(start, 12 * years)


def level_reached_from_age_start(party_age_from: dt.date, years: int) -> dt.date:
    """The same day for a member with no gap after `party_age_from` (the common case)."""
    return add_months(party_age_from, 12 * years)


# --- Awards --------------------------------------------------------------------------------


def check_level(rules: BadgeRules, years: int) -> str | None:
    if years in rules.levels:
        return None
    levels = ", ".join(str(y) for y in rules.levels)
    return f"Huy hiệu chỉ trao ở các mốc {levels} năm tuổi đảng ({rules.cite()})."


def early_months(rules: BadgeRules, years: int, reason: str) -> int:
    """How many months before the level is reached the badge may be awarded."""
    if reason == "serious_illness":
        if years >= rules.illness_high_from:
            return rules.illness_early_months_high
        return rules.illness_early_months
    if reason == "posthumous":
        return rules.posthumous_early_months
    return 0


def check_reached(
    rules: BadgeRules, *, years: int, reached_on: dt.date | None, on: dt.date, reason: str
) -> str | None:
    """Refuse a level not reached by `on` (the presentation date, or the day of death for a
    posthumous award), beyond the early window of the reason given."""
    if reached_on is None:
        return f"Đảng viên không đủ {years} năm tuổi đảng ({rules.cite()})."
    allowed = early_months(rules, years, reason)
    earliest = add_months(reached_on, -allowed)
    if on >= earliest:
        return None
    when = "ngày từ trần" if reason == "posthumous" else "ngày trao"
    text = (
        f"Đến {when} {format_date(on)} đảng viên chưa đủ {years} năm tuổi đảng "
        f"(đủ vào ngày {format_date(reached_on)})"
    )
    if allowed:
        text += f"; trường hợp này chỉ được xét tặng sớm tối đa {allowed} tháng"
        text += f" (từ ngày {format_date(earliest)})"
    else:
        text += (
            "; chỉ đảng viên bị bệnh nặng hoặc truy tặng đảng viên đã từ trần mới được xét tặng sớm"
        )
    return f"{text} ({rules.cite()})."


def occasion_day(rules: BadgeRules, occasion: str, year: int) -> dt.date | None:
    """The day of a fixed occasion ("02-03" is 3/2) in `year`; None for other occasions."""
    for month, day in rules.occasion_days:
        if occasion == f"{month:02d}-{day:02d}":
            return dt.date(year, month, day)
    return None


def occasion_for(rules: BadgeRules, day: dt.date) -> str:
    """The fixed occasion a presentation date belongs to, or "other"."""
    best: tuple[int, str] | None = None
    for month, mday in rules.occasion_days:
        for year in (day.year - 1, day.year, day.year + 1):
            distance = abs((dt.date(year, month, mday) - day).days)
            if distance <= rules.occasion_window_days and (best is None or distance < best[0]):
                best = (distance, f"{month:02d}-{mday:02d}")
    return best[1] if best else "other"


def check_occasion(rules: BadgeRules, occasion: str, presented_on: dt.date) -> str | None:
    """A fixed occasion must be near its day (the ceremony is held for the occasion)."""
    if occasion == "other":
        return None
    days = [
        occasion_day(rules, occasion, y)
        for y in (presented_on.year - 1, presented_on.year, presented_on.year + 1)
    ]
    if None in days:
        return f"Dịp trao không hợp lệ ({rules.cite()})."
    if any(abs((d - presented_on).days) <= rules.occasion_window_days for d in days if d):
        return None
    first = next(d for d in days if d)
    return (
        f"Ngày trao {format_date(presented_on)} không thuộc dịp {first.day}/{first.month} "
        f"(trong vòng {rules.occasion_window_days} ngày); nếu trao vào dịp khác, chọn "
        f"“Dịp khác” ({rules.cite()}: trao vào dịp 3/2, 19/5, 2/9, 7/11 hoặc dịp quan trọng)."
    )


def presentation_days(rules: BadgeRules, year: int) -> list[dt.date]:
    return [dt.date(year, month, day) for month, day in rules.occasion_days]
