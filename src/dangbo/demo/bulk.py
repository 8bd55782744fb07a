"""Write many synthetic members at once, through the same history rules as the services.

Each member's events go through members.history.derive (the rules every form and
import obeys); only the writes are batched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from dangbo.core.text import fold
from dangbo.members.history import derive
from dangbo.members.models import Member, MemberPeriod, MembershipEvent, PartyCard, Person


@dataclass
class EventSpec:
    kind: str
    date: dt.date
    org_id: int | None = None
    status: str = ""
    decision_number: str = ""
    external_org: str = ""
    from_org_id: int | None = None


@dataclass
class MemberSpec:
    person: dict[str, object]
    events: list[EventSpec]
    background_number: str = ""
    card_number: str | None = None
    card_issued_on: dt.date | None = None
    introducers: str = ""
    ceremony_on: dt.date | None = None
    admitted_on: dt.date | None = None
    full_on: dt.date | None = None
    extra: dict[str, object] = field(default_factory=dict)


def write_members(specs: Iterable[MemberSpec], org_paths: dict[int, str]) -> int:
    """Create people, members, events, periods and cards for `specs`; returns the count."""
    specs = list(specs)
    states = [derive(s.events, ceremony_on=s.ceremony_on) for s in specs]
    people = Person.objects.bulk_create(
        Person(search_name=fold(str(s.person["full_name"])), **s.person) for s in specs
    )
    members = []
    for spec, state, person in zip(specs, states, people, strict=True):
        members.append(
            Member(
                person=person,
                background_number=spec.background_number,
                card_number=spec.card_number,
                introducers=spec.introducers,
                ceremony_on=spec.ceremony_on,
                status=state.status,
                is_exempted=state.is_exempted,
                cell_id=state.cell_id,
                org_path=org_paths[state.cell_id] if state.cell_id else "",
                admitted_on=state.admitted_on or spec.admitted_on,
                full_on=state.full_on or spec.full_on,
                left_on=state.left_on,
            )
        )
    members = Member.objects.bulk_create(members)
    events, periods, cards = [], [], []
    for spec, state, member in zip(specs, states, members, strict=True):
        for e in spec.events:
            events.append(
                MembershipEvent(
                    member=member,
                    kind=e.kind,
                    date=e.date,
                    decision_number=e.decision_number,
                    decision_date=e.date,
                    org_id=e.org_id,
                    from_org_id=e.from_org_id,
                    status=e.status,
                    external_org=e.external_org,
                )
            )
        for p in state.periods:
            periods.append(
                MemberPeriod(
                    member=member,
                    org_id=p.org_id,
                    status=p.status,
                    is_exempted=p.is_exempted,
                    valid_from=p.valid_from,
                    valid_to=p.valid_to,
                )
            )
        if spec.card_number and spec.card_issued_on:
            cards.append(
                PartyCard(
                    member=member,
                    number=spec.card_number,
                    issued_on=spec.card_issued_on,
                    reason=PartyCard.Reason.FIRST,
                )
            )
    MembershipEvent.objects.bulk_create(events, batch_size=5000)
    MemberPeriod.objects.bulk_create(periods, batch_size=5000)
    PartyCard.objects.bulk_create(cards, batch_size=5000)
    return len(members)
