"""Committees and terms for the demo organizations, chosen among their own members."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Q

from dangbo.demo.people import random_date
from dangbo.members.models import MemberPeriod
from dangbo.orgs.models import CommitteeSeat, Organization, OrgKind, Position, Term
from dangbo.orgs.selectors import subtree_versions_at


def _members_through(org: Organization, start: dt.date, end: dt.date) -> list[int]:
    """Members in org's subtree (as it stood at start) from start to end."""
    cells = subtree_versions_at(org, start).values("org_id")
    periods = MemberPeriod.objects.filter(org_id__in=cells, valid_from__lte=start).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=end)
    )
    return sorted(set(periods.values_list("member_id", flat=True)))


def _positions(org: Organization, size: int, rng: random.Random) -> list[Position]:
    if org.kind == OrgKind.BLOC_COMMITTEE:
        return (
            [Position.SECRETARY]
            + [Position.DEPUTY_SECRETARY] * 2
            + [Position.STANDING_MEMBER] * 6
            + [Position.MEMBER] * 24
        )
    if org.kind in (OrgKind.BASE_COMMITTEE, OrgKind.LOCAL_COMMITTEE):
        return [Position.SECRETARY, Position.DEPUTY_SECRETARY] + [Position.MEMBER] * rng.randint(
            3, 7
        )
    positions = [Position.SECRETARY]
    if size >= 10:
        positions.append(Position.DEPUTY_SECRETARY)
    if size >= 15:
        positions.append(Position.MEMBER)
    return positions


def build_term(
    org: Organization,
    *,
    name: str,
    start: dt.date,
    end: dt.date | None,
    today: dt.date,
    rng: random.Random,
) -> Term | None:
    if start > today:
        return None
    pool = _members_through(org, start, min(end or today, today))
    if not pool:
        return None
    term = Term.objects.create(org=org, name=name, starts_on=start, ends_on=end)
    positions = _positions(org, len(pool), rng)
    chosen = rng.sample(pool, min(len(pool), len(positions)))
    CommitteeSeat.objects.bulk_create(
        CommitteeSeat(
            term=term,
            member_id=member_id,
            position=position,
            starts_on=start,
            ends_on=end,
            is_unit_head=position == Position.SECRETARY and rng.random() < 0.4,
        )
        for member_id, position in zip(chosen, positions, strict=False)
    )
    return term


def build_first_terms(orgs: list[Organization], today: dt.date, rng: random.Random) -> int:
    """The 2020–2025 term of every organization of the bloc."""
    count = 0
    for org in orgs:
        if org.kind == OrgKind.BLOC_COMMITTEE:
            start, end = dt.date(2020, 8, 14), dt.date(2025, 2, 10)
        else:
            start = random_date(rng, dt.date(2020, 3, 1), dt.date(2020, 6, 30))
            end = random_date(rng, dt.date(2025, 5, 1), dt.date(2025, 7, 31))
        if build_term(org, name="2020–2025", start=start, end=end, today=today, rng=rng):
            count += 1
    return count


def build_second_terms(orgs: list[Organization], today: dt.date, rng: random.Random) -> int:
    """The 2025–2030 term, begun at each organization's congress after its previous term."""
    count = 0
    for org in orgs:
        previous = org.terms.order_by("-starts_on").first()
        if previous is not None and previous.ends_on is not None:
            start = previous.ends_on
        else:
            start = max(org.founded_on, dt.date(2025, 2, 10))
        if build_term(org, name="2025–2030", start=start, end=None, today=today, rng=rng):
            count += 1
    return count
