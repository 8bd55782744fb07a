"""Write many synthetic members at once, through the same history rules as the services.

Each member's events go through members.history.derive (the rules every form and
import obeys); members.bulk.write_drafts batches the writes, as for the import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dangbo.core.text import fold
from dangbo.members.bulk import EventDraft, MemberDraft, write_drafts
from dangbo.members.history import derive
from dangbo.members.models import Member, Person

# The demo's events are the drafts the import writes.
EventSpec = EventDraft


@dataclass
class MemberSpec:
    person: dict[str, object]
    events: list[EventDraft]
    background_number: str = ""
    card_number: str | None = None
    card_issued_on: dt.date | None = None
    introducers: str = ""
    ceremony_on: dt.date | None = None
    admitted_on: dt.date | None = None
    full_on: dt.date | None = None


def write_members(specs: Iterable[MemberSpec], org_paths: dict[int, str]) -> int:
    """Create people, members, events, periods and cards for `specs`; returns the count."""
    drafts = [
        MemberDraft(
            person=Person(search_name=fold(str(s.person["full_name"])), **s.person),
            member=Member(
                background_number=s.background_number,
                card_number=s.card_number,
                introducers=s.introducers,
                ceremony_on=s.ceremony_on,
                admitted_on=s.admitted_on,
                full_on=s.full_on,
            ),
            events=s.events,
            state=derive(s.events, ceremony_on=s.ceremony_on),
            card_issued_on=s.card_issued_on,
        )
        for s in specs
    ]
    return len(write_drafts(drafts, org_paths=org_paths))
