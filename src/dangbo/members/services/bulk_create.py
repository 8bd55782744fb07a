"""Many new members at once (the Excel import), with the checks of the single path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.text import fold
from dangbo.members.bulk import EventDraft, MemberDraft, write_drafts
from dangbo.members.choices import EventKind
from dangbo.members.history import HistoryError, derive
from dangbo.members.models import (
    Member,
    PartyCard,
    Person,
)
from dangbo.members.services.records import (
    PERSON_FIELDS,
    _check_cell,
)
from dangbo.orgs.models import Organization


@dataclass
class NewMemberRow:
    """A new person admitted into a cell (and recognized as full member if `full_on`)."""

    person: dict[str, Any]
    cell: Organization
    admitted_on: dt.date
    full_on: dt.date | None = None
    background_number: str = ""
    card_number: str | None = None
    introducers: str = ""


class BulkRowsError(ValidationError):
    """Problems of members_bulk_create, each with the 0-based index of its row."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        super().__init__([f"Bản ghi {i + 1}: {message}" for i, message in problems])
        self.problems = problems


@transaction.atomic
def members_bulk_create(*, rows: list[NewMemberRow], acting_user: Any = None) -> list[Member]:
    """Create many new people and their Party records at once (used by the Excel import).

    The same checks as person_save + member_create + member_record_event(recognized):
    field validation, unique citizen ID and card number, and every member's events
    replayed through history.derive. Only the writes are batched. A problem in any
    row raises BulkRowsError (a ValidationError) naming the rows and writes nothing.
    """
    if not rows:
        return []
    problems: list[tuple[int, str]] = []
    for cell in {row.cell.pk: row.cell for row in rows}.values():
        _check_cell(cell)
    ids = [r.person.get("citizen_id") for r in rows if r.person.get("citizen_id")]
    cards = [r.card_number for r in rows if r.card_number]
    taken_ids: set[str | None] = set(
        Person.objects.filter(citizen_id__in=ids).values_list("citizen_id", flat=True)
    )
    taken_cards: set[str | None] = set(
        PartyCard.objects.filter(number__in=cards).values_list("number", flat=True)
    )
    taken_cards |= set(
        Member.objects.filter(card_number__in=cards).values_list("card_number", flat=True)
    )
    drafts: list[MemberDraft] = []
    for i, row in enumerate(rows):
        unknown = set(row.person) - set(PERSON_FIELDS)
        if unknown:
            raise TypeError(f"unknown person fields: {sorted(unknown)}")
        person = Person(**{**row.person, "citizen_id": row.person.get("citizen_id") or None})
        person.search_name = fold(person.full_name)
        member = Member(
            background_number=row.background_number,
            card_number=row.card_number or None,
            introducers=row.introducers,
        )
        try:
            check_record(person)
            check_record(member)
            person.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
            member.full_clean(
                exclude=["person", "cell"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            problems.extend((i, message) for message in exc.messages)
            continue
        if person.citizen_id:
            if person.citizen_id in taken_ids:
                problems.append((i, f"Số căn cước {person.citizen_id} đã có trong hồ sơ khác."))
            taken_ids.add(person.citizen_id)
        if member.card_number:
            if member.card_number in taken_cards:
                problems.append((i, f"Số thẻ {member.card_number} đã cấp cho người khác."))
            taken_cards.add(member.card_number)
        events = [EventDraft(EventKind.ADMITTED, row.admitted_on, row.cell.pk)]
        if row.full_on:
            events.append(EventDraft(EventKind.RECOGNIZED, row.full_on))
        try:
            state = derive(events)
        except HistoryError as exc:
            problems.append((i, str(exc)))
            continue
        drafts.append(MemberDraft(person, member, events, state, card_issued_on=row.admitted_on))
    if problems:
        raise BulkRowsError(problems)
    try:
        members = write_drafts(
            drafts, org_paths={r.cell.pk: r.cell.path for r in rows}, acting_user=acting_user
        )
    except IntegrityError as exc:  # a concurrent insert of the same citizen ID
        raise ValidationError("Số căn cước đã có trong hồ sơ khác.") from exc
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="member",
        description=f"Tạo {len(members)} hồ sơ đảng viên (nhập hàng loạt)",
    )
    return members


# --- The lists of a person's file: work, training, family ------------------------------
