"""Reads of Party badges: who is due (the proposal list), the awards, a member's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.badges import rules
from dangbo.badges.models import BadgeAward
from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.members.models import Member, MemberPeriod, MembershipEvent
from dangbo.members.rules import add_months
from dangbo.members.selectors import members_at
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope

# add_months clamps 29–31 to a shorter month's end: widen the SQL bounds by a few days and
# decide exactly in Python.
_SLACK = dt.timedelta(days=3)


@dataclass(frozen=True)
class Due:
    """A member reaching `years` of Party age on `reached_on`, not yet awarded that level."""

    member_id: int
    years: int
    reached_on: dt.date


def member_gaps(member_ids: Iterable[int]) -> dict[int, list[rules.Gap]]:
    """The gaps out of the Party of each member, from their events (one query)."""
    by_member: dict[int, list[MembershipEvent]] = {}
    events = MembershipEvent.objects.filter(member_id__in=list(member_ids)).only(
        "member_id", "kind", "date", "org_id", "status"
    )
    for event in events:
        by_member.setdefault(event.member_id, []).append(event)
    return {pk: rules.gaps_of(evs) for pk, evs in by_member.items()}


def reached_on(
    member: Member, years: int, gaps: Sequence[rules.Gap] | None = None
) -> dt.date | None:
    """The day `member` reaches `years` of Party age (Quy định 24-QĐ/TW, 4.5.1)."""
    if member.admitted_on is None:
        return None
    if gaps is None:
        gaps = member_gaps([member.pk]).get(member.pk, [])
    return rules.level_reached_on(member.admitted_on, gaps, years)


def due_levels(
    members: QuerySet[Member],
    *,
    lower: dt.date | None,
    upper: dt.date,
    levels: Iterable[int] | None = None,
    awarded_by: dt.date | None = None,
) -> list[Due]:
    """Members of `members` reaching a badge level in [lower, upper] (no lower bound: every
    level reached by `upper`) and not awarded it (by `awarded_by`, if given)."""
    levels = sorted(levels or rules.rules_at(upper).levels)
    condition = Q(pk__in=[])
    for years in levels:
        hi = add_months(upper, -12 * years) + _SLACK
        level_q = Q(admitted_on__lte=hi, party_age_from__isnull=False)
        if lower is not None:
            level_q &= Q(party_age_from__gte=add_months(lower, -12 * years) - _SLACK)
        condition |= level_q
    rows = list(members.filter(condition).values_list("pk", "admitted_on", "party_age_from"))
    with_gaps = member_gaps([pk for pk, admitted, start in rows if admitted != start])
    found: list[Due] = []
    for pk, admitted, start in rows:
        if admitted is None or start is None:
            continue
        for years in levels:
            if admitted == start:
                day: dt.date | None = rules.level_reached_from_age_start(start, years)
            else:
                day = rules.level_reached_on(admitted, with_gaps.get(pk, []), years)
            if day is not None and day <= upper and (lower is None or day >= lower):
                found.append(Due(pk, years, day))
    if not found:
        return []
    awards = BadgeAward.objects.filter(member_id__in={d.member_id for d in found})
    if awarded_by is not None:
        awards = awards.filter(presented_on__lte=awarded_by)
    awarded = set(awards.values_list("member_id", "years"))
    return sorted(
        (d for d in found if (d.member_id, d.years) not in awarded),
        key=lambda d: (d.reached_on, d.member_id),
    )


def in_party_at(at: dt.date) -> QuerySet[Member]:
    """Members in a cell of the tree on `at`."""
    current = MemberPeriod.objects.filter(valid_from__lte=at).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=at)
    )
    return Member.objects.filter(pk__in=current.values("member_id"))


@dataclass(frozen=True)
class ProposalWindow:
    """Who the proposal list is for: the year, or a presentation date."""

    lower: dt.date | None
    upper: dt.date
    at: dt.date  # members in the Party on this day are listed
    label: str


def proposal_window(
    *, year: int, by: dt.date | None, backlog: bool, today: dt.date
) -> ProposalWindow:
    """A year: levels reached in it. A presentation date: levels reached in the 12 months up
    to it (the occasions of the year before it have passed). `backlog` drops the lower bound
    (levels reached earlier and never awarded)."""
    lower: dt.date | None
    if by is not None:
        lower = add_months(by, -12) + dt.timedelta(days=1)
        upper = by
        label = f"đủ tuổi đảng đến ngày {by:%d/%m/%Y}"
    else:
        lower, upper = dt.date(year, 1, 1), dt.date(year, 12, 31)
        label = f"đủ tuổi đảng trong năm {year}"
    at = min(upper, today)
    if backlog:
        lower = None
        label += " (gồm cả những người đủ tuổi từ trước, chưa được trao)"
    return ProposalWindow(lower, upper, at, label)


def proposals(
    user: Any,
    *,
    window: ProposalWindow,
    org: Organization | None = None,
    years: int | None = None,
) -> list[tuple[Member, Due]]:
    """The proposal list the user may see: members in the Party on `window.at` (in `org`'s
    subtree as it stood then), reaching a level in the window, not awarded it yet."""
    members = in_party_at(window.at) if org is None else members_at(org, window.at)
    members = scoped(user, Action.VIEW, members)
    due = due_levels(
        members, lower=window.lower, upper=window.upper, levels=[years] if years else None
    )
    loaded = Member.objects.select_related("person", "cell").in_bulk([d.member_id for d in due])
    return [(loaded[d.member_id], d) for d in due]


def awards_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[BadgeAward]:
    """Awards presented in [start, end] in a cell of `scope`'s subtree as it stood that day."""
    return dated_in_scope(
        BadgeAward.objects.all(), scope, start, end, org_field="cell_id", date_field="presented_on"
    )


AWARD_PARAMS = ("q", "org", "year", "years", "status")


def award_list(
    user: Any,
    *,
    query: str = "",
    org: Organization | None = None,
    year: int | None = None,
    years: int | None = None,
    status: str = "",
) -> QuerySet[BadgeAward]:
    """The awards the user may see, searched by name (without diacritics) or decision."""
    awards = scoped(user, Action.VIEW, BadgeAward.objects.all()).select_related(
        "member__person", "cell"
    )
    if org is not None:
        awards = awards.filter(member__org_path__startswith=org.path)
    if year:
        awards = awards.filter(presented_on__year=year)
    if years:
        awards = awards.filter(years=years)
    if status:
        awards = awards.filter(status=status)
    for word in fold(query).split():
        awards = awards.filter(
            Q(member__person__search_name__contains=word) | Q(decision_number__icontains=word)
        )
    return awards.order_by("-presented_on", "member__person__search_name", "pk")


@dataclass(frozen=True)
class LevelLine:
    years: int
    reached_on: dt.date | None
    award: BadgeAward | None


def member_badge_lines(
    member: Member, at: dt.date
) -> tuple[rules.PartyAge | None, list[LevelLine]]:
    """The member's Party age on `at` and, for each level reached, awarded or next to come,
    the day it is reached and the award (if any)."""
    gaps = member_gaps([member.pk]).get(member.pk, [])
    age = rules.party_age_on(member.admitted_on, gaps, at)
    awards = {a.years: a for a in BadgeAward.objects.filter(member=member).select_related("cell")}
    lines: list[LevelLine] = []
    upcoming_shown = False
    for years in rules.rules_at(at).levels:
        day = reached_on(member, years, gaps)
        reached = day is not None and day <= at
        upcoming = day is not None and day > at and not upcoming_shown
        if years in awards or reached or upcoming:
            lines.append(LevelLine(years, day, awards.get(years)))
        upcoming_shown = upcoming_shown or upcoming
    return age, lines
