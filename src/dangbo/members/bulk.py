"""Writing many members at once: the Excel import and the demo generator.

Callers validate people and replay each member's events through
members.history.derive (the rules every form obeys); this module only batches the
writes of what derive decided, so the two bulk paths cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dangbo.members.history import DerivedState
from dangbo.members.models import Member, MemberPeriod, MembershipEvent, PartyCard, Person
from dangbo.members.rules import party_age_from
from dangbo.orgs.models import Organization


@dataclass
class EventDraft:
    """A membership event before it is written (also what derive() reads)."""

    kind: str
    date: dt.date
    org_id: int | None = None
    status: str = ""
    decision_number: str = ""
    external_org: str = ""
    from_org_id: int | None = None


@dataclass
class MemberDraft:
    person: Person  # unsaved, already validated
    member: Member  # unsaved; its derived fields are filled from `state`
    events: Sequence[EventDraft]
    state: DerivedState
    card_issued_on: dt.date | None = None


def apply_state(member: Member, state: DerivedState, org_paths: Mapping[int, str]) -> None:
    """Copy what derive() decided onto the member row (not saved)."""
    member.status = state.status
    member.is_exempted = state.is_exempted
    # A member who transferred in keeps the admission dates of their record.
    member.admitted_on = state.admitted_on or member.admitted_on
    member.full_on = state.full_on or member.full_on
    member.left_on = state.left_on
    member.party_age_from = party_age_from(member.admitted_on, state.gap_days)
    if state.cell_id is not None:
        member.cell_id = state.cell_id
        member.org_path = org_paths[state.cell_id]


def period_rows(member: Member, state: DerivedState) -> list[MemberPeriod]:
    return [
        MemberPeriod(
            member=member,
            org_id=p.org_id,
            status=p.status,
            is_exempted=p.is_exempted,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
        )
        for p in state.periods
    ]


def write_drafts(
    drafts: Sequence[MemberDraft],
    *,
    org_paths: Mapping[int, str] | None = None,
    acting_user: Any = None,
    batch_size: int = 5000,
) -> list[Member]:
    """Create the people, members, events, periods and first cards of `drafts`."""
    if not drafts:
        return []
    cell_ids = {d.state.cell_id for d in drafts if d.state.cell_id is not None}
    if org_paths is None:
        org_paths = dict(Organization.objects.filter(pk__in=cell_ids).values_list("pk", "path"))
    people = Person.objects.bulk_create([d.person for d in drafts], batch_size=batch_size)
    members = []
    for draft, person in zip(drafts, people, strict=True):
        draft.member.person = person
        apply_state(draft.member, draft.state, org_paths)
        members.append(draft.member)
    members = Member.objects.bulk_create(members, batch_size=batch_size)
    events, periods, cards = [], [], []
    for draft, member in zip(drafts, members, strict=True):
        events.extend(
            MembershipEvent(
                member=member,
                kind=e.kind,
                date=e.date,
                decision_number=e.decision_number,
                org_id=e.org_id,
                from_org_id=e.from_org_id,
                status=e.status,
                external_org=e.external_org,
                created_by=acting_user,
            )
            for e in draft.events
        )
        periods.extend(period_rows(member, draft.state))
        if member.card_number and draft.card_issued_on:
            cards.append(
                PartyCard(
                    member=member,
                    number=member.card_number,
                    issued_on=draft.card_issued_on,
                    reason=PartyCard.Reason.FIRST,
                )
            )
    MembershipEvent.objects.bulk_create(events, batch_size=batch_size)
    MemberPeriod.objects.bulk_create(periods, batch_size=batch_size)
    PartyCard.objects.bulk_create(cards, batch_size=batch_size)
    return members
