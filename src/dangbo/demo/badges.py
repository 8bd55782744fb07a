"""Party badges in the demo: every member who reached 30, 40, 45, 50… years of Party age
while in the bloc (from 2010) received the badge at the next presentation occasion (3/2,
19/5, 2/9, 7/11) they were still a member on, up to today; a few were handed back when the
member left the Party, a few reissued. Written in bulk; every award passes the same rules
(badges.rules) the service applies."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.badges import rules
from dangbo.badges.models import AwardStatus, BadgeAward, EarlyReason, Occasion
from dangbo.badges.services import LEAVING_KINDS
from dangbo.members.choices import EventKind
from dangbo.members.models import Member, MemberPeriod, MembershipEvent

# Awards are recorded from the first occasion of 2010 (the bloc was founded in 2008).
FIRST_OCCASION = dt.date(2010, 1, 1)
BATCH = 2000
# One in ten is proposed at the occasion after the first one they were due at.
LATE_SHARE = 0.1
REISSUE_SHARE = 0.01


def _occasions(until: dt.date) -> list[tuple[dt.date, str]]:
    days: list[tuple[dt.date, str]] = []
    for year in range(FIRST_OCCASION.year - 1, until.year + 1):
        rule = rules.rules_at(dt.date(year, 1, 1))
        for month, day in rule.occasion_days:
            when = dt.date(year, month, day)
            if when <= until:
                days.append((when, f"{month:02d}-{day:02d}"))
    return sorted(days)


def _cell_on(periods: list[tuple[int, dt.date, dt.date | None]], day: dt.date) -> int | None:
    for org_id, start, end in periods:
        if start <= day and (end is None or end > day):
            return org_id
    return None


def build_badges(*, seed: int, today: dt.date) -> int:
    """Write the demo's badge awards; return how many."""
    rng = random.Random(f"{seed}-badges")
    occasions = _occasions(today)
    if not occasions:
        return 0
    events: dict[int, list[MembershipEvent]] = defaultdict(list)
    for event in MembershipEvent.objects.only("member_id", "kind", "date", "org_id", "status"):
        events[event.member_id].append(event)
    periods: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for member_id, org_id, start, end in MemberPeriod.objects.values_list(
        "member_id", "org_id", "valid_from", "valid_to"
    ):
        periods[member_id].append((org_id, start, end))
    awards: list[BadgeAward] = []
    decisions: dict[dt.date, str] = {}
    members = Member.objects.filter(admitted_on__isnull=False).order_by("pk")
    for member_id, admitted in members.values_list("pk", "admitted_on"):
        if admitted is None:
            continue
        gaps = rules.gaps_of(events[member_id])
        exits = {e.kind: e.date for e in events[member_id]}
        died = exits.get(EventKind.DECEASED)
        for years in rules.rules_at(today).levels:
            reached = rules.level_reached_on(admitted, gaps, years)
            if reached is None or reached > today:
                break
            award = _award(
                rng, member_id, years, reached, died, occasions, periods[member_id], decisions
            )
            if award is None:
                continue
            _maybe_return_or_reissue(rng, award, events[member_id], today)
            awards.append(award)
    for offset in range(0, len(awards), BATCH):
        BadgeAward.objects.bulk_create(awards[offset : offset + BATCH])
    audit_log(
        user=None,
        action=AuditAction.CHANGE,
        object_type="badge_award",
        description=f"Dữ liệu mẫu: {len(awards)} Huy hiệu Đảng",
    )
    return len(awards)


def _award(
    rng: random.Random,
    member_id: int,
    years: int,
    reached: dt.date,
    died: dt.date | None,
    occasions: list[tuple[dt.date, str]],
    periods: list[tuple[int, dt.date, dt.date | None]],
    decisions: dict[dt.date, str],
) -> BadgeAward | None:
    """The award at the first occasion on or after `reached` the member is in a cell on
    (sometimes the one after); posthumously if they died in between."""
    upcoming = [(day, occ) for day, occ in occasions if day >= reached]
    if not upcoming:
        return None
    skip = 1 if rng.random() < LATE_SHARE and len(upcoming) > 1 else 0
    day, occasion = upcoming[skip]
    if upcoming[0][0] < FIRST_OCCASION:
        return None  # due before the records begin: awarded then, not recorded here
    reason = ""
    cell = _cell_on(periods, day)
    if cell is None:
        if died is None or not (reached <= died < day):
            return None  # not in the bloc on that day: awarded elsewhere, if at all
        cell = _cell_on(periods, died - dt.timedelta(days=1))
        reason = EarlyReason.POSTHUMOUS
        if cell is None:
            return None
    rule = rules.rules_at(day)
    checks = [
        rules.check_level(rule, years),
        rules.check_occasion(rule, occasion, day),
        rules.check_reached(
            rule,
            years=years,
            reached_on=reached,
            on=died or day if reason else day,
            reason=reason,
        ),
    ]
    problems = [c for c in checks if c]
    assert not problems, problems
    number = decisions.setdefault(day, f"{len(decisions) + 101}-QĐ/TU")
    return BadgeAward(
        member_id=member_id,
        years=years,
        decision_number=number,
        decision_date=day - dt.timedelta(days=rng.randint(7, 25)),
        presented_on=day,
        occasion=Occasion(occasion),
        early_reason=reason,
        cell_id=cell,
    )


def _maybe_return_or_reissue(
    rng: random.Random, award: BadgeAward, events: list[MembershipEvent], today: dt.date
) -> None:
    left = [e.date for e in events if e.kind in LEAVING_KINDS and e.date >= award.presented_on]
    if left:
        returned = left[0] + dt.timedelta(days=rng.randint(5, 40))
        if returned <= today:
            award.status = AwardStatus.RETURNED
            award.returned_on = returned
            award.note = "Thu hồi khi đảng viên ra khỏi Đảng."
        return
    if rng.random() < REISSUE_SHARE:
        again = award.presented_on + dt.timedelta(days=rng.randint(200, 1500))
        if again <= today:
            award.status = AwardStatus.REISSUED
            award.reissued_on = again
            award.note = f"Cấp lại ngày {again:%d/%m/%Y}: Huy hiệu bị mất."
