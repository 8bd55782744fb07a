"""Writes to people, members and their history. Every change to membership is a
MembershipEvent; the member's state and periods are then re-derived from all of
their events, so a back-dated or out-of-order event is checked like any other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.text import fold
from dangbo.members.bulk import EventDraft, MemberDraft, write_drafts
from dangbo.members.choices import EventKind
from dangbo.members.history import HistoryError, derive
from dangbo.members.models import (
    FamilyRelation,
    Member,
    MemberPeriod,
    MembershipEvent,
    PartyCard,
    Person,
    TrainingHistory,
    WorkHistory,
)
from dangbo.orgs.models import CELL_KINDS, Organization

PERSON_FIELDS = (
    "full_name", "other_name", "gender", "birth_date", "birth_place", "home_town",
    "residence", "temporary_residence", "ethnicity", "religion", "occupation",
    "general_education", "professional_level", "political_theory", "foreign_language",
    "it_level", "citizen_id", "phone", "email", "youth_union_on", "recruited_on",
    "family_background", "economic_situation",
)  # fmt: skip
MEMBER_FIELDS = ("background_number", "card_number", "introducers", "ceremony_on")


def _check_cell(cell: Organization | None, field: str = "cell") -> None:
    if cell is None:
        raise ValidationError({field: "Phải chọn chi bộ."})
    if cell.kind not in CELL_KINDS:
        raise ValidationError({field: "Đảng viên chỉ sinh hoạt ở chi bộ."})


def _check_unique_identity(
    *, citizen_id: str | None, card_number: str | None, person: Person | None = None
) -> None:
    if citizen_id:
        clash = Person.objects.filter(citizen_id=citizen_id)
        if person is not None:
            clash = clash.exclude(pk=person.pk)
        other = clash.first()
        if other is not None:
            raise ValidationError(
                {"citizen_id": f"Số căn cước {citizen_id} đã có trong hồ sơ của {other.full_name}."}
            )
    if card_number:
        clash_cards = PartyCard.objects.filter(number=card_number)
        if person is not None:
            clash_cards = clash_cards.exclude(member__person=person)
        card = clash_cards.select_related("member__person").first()
        if card is not None:
            raise ValidationError(
                {"card_number": f"Số thẻ {card_number} đã cấp cho {card.member.person.full_name}."}
            )


def rebuild_member(member: Member) -> Member:
    """Re-derive state and periods from all events; raise ValidationError if impossible."""
    events = list(member.events.all())
    try:
        state = derive(events, ceremony_on=member.ceremony_on)
    except HistoryError as exc:
        raise ValidationError({"date": str(exc)}) from exc
    member.status = state.status
    member.is_exempted = state.is_exempted
    # A member who transferred in keeps the admission dates of their record.
    member.admitted_on = state.admitted_on or member.admitted_on
    member.full_on = state.full_on or member.full_on
    member.left_on = state.left_on
    if state.cell_id is not None:
        cell = Organization.objects.only("path").get(pk=state.cell_id)
        member.cell_id = cell.pk
        member.org_path = cell.path
    member.save(
        update_fields=[
            "status", "is_exempted", "admitted_on", "full_on", "left_on", "cell", "org_path"
        ]
    )  # fmt: skip
    MemberPeriod.objects.filter(member=member).delete()
    MemberPeriod.objects.bulk_create(
        MemberPeriod(
            member=member,
            org_id=p.org_id,
            status=p.status,
            is_exempted=p.is_exempted,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
        )
        for p in state.periods
    )
    return member


@transaction.atomic
def person_save(*, person: Person | None = None, acting_user: Any = None, **fields: Any) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    if "citizen_id" in fields and not fields["citizen_id"]:
        fields["citizen_id"] = None
    _check_unique_identity(citizen_id=fields.get("citizen_id"), card_number=None, person=person)
    person = person or Person()
    for name, value in fields.items():
        setattr(person, name, value)
    person.search_name = fold(person.full_name)
    person.full_clean(exclude=["user"])
    try:
        person.save()
    except IntegrityError as exc:  # a concurrent insert of the same citizen ID
        raise ValidationError({"citizen_id": "Số căn cước đã có trong hồ sơ khác."}) from exc
    return person


@transaction.atomic
def member_create(
    *,
    person: Person,
    kind: str,
    date: dt.date,
    cell: Organization,
    decision_number: str = "",
    status: str = "",
    external_org: str = "",
    acting_user: Any = None,
    **member_fields: Any,
) -> Member:
    """Create the Party record of `person` by admission, transfer in or reinstatement."""
    if kind not in (EventKind.ADMITTED, EventKind.TRANSFERRED_IN, EventKind.REINSTATED):
        raise ValidationError({"kind": "Hồ sơ đảng viên bắt đầu bằng kết nạp hoặc chuyển đến."})
    if Member.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person.full_name} đã có hồ sơ đảng viên."})
    _check_cell(cell)
    if member_fields.get("card_number") == "":
        member_fields["card_number"] = None
    _check_unique_identity(
        citizen_id=None, card_number=member_fields.get("card_number"), person=person
    )
    member = Member(person=person, **member_fields)
    member.full_clean(exclude=["person", "cell"])
    member.save()
    if member.card_number:
        PartyCard.objects.create(
            member=member, number=member.card_number, issued_on=date, reason=PartyCard.Reason.FIRST
        )
    MembershipEvent.objects.create(
        member=member,
        kind=kind,
        date=date,
        decision_number=decision_number,
        org=cell,
        status=status,
        external_org=external_org,
        created_by=acting_user,
    )
    rebuild_member(member)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="member",
        object_id=member.pk,
        description=f"Tạo hồ sơ đảng viên {person.full_name}",
    )
    return member


@transaction.atomic
def member_record_event(
    *,
    member: Member,
    kind: str,
    date: dt.date,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    org: Organization | None = None,
    external_org: str = "",
    status: str = "",
    note: str = "",
    acting_user: Any = None,
) -> MembershipEvent:
    """Append an event and re-derive; an event the history does not allow changes nothing."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if kind in (EventKind.TRANSFERRED, EventKind.ADMITTED, EventKind.TRANSFERRED_IN) or (
        kind == EventKind.REINSTATED
    ):
        _check_cell(org, "org")
    event = MembershipEvent.objects.create(
        member=member,
        kind=kind,
        date=date,
        decision_number=decision_number,
        decision_date=decision_date,
        org=org,
        from_org=member.cell if kind == EventKind.TRANSFERRED else None,
        external_org=external_org,
        status=status,
        note=note,
        created_by=acting_user,
    )
    rebuild_member(member)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="member",
        object_id=member.pk,
        description=f"{event.get_kind_display()} ngày {date:%d/%m/%Y}: {member.person.full_name}",
    )
    return event


def member_transfer(
    *, member: Member, to_cell: Organization, date: dt.date, decision_number: str = "",
    acting_user: Any = None,
) -> MembershipEvent:  # fmt: skip
    return member_record_event(
        member=member,
        kind=EventKind.TRANSFERRED,
        date=date,
        decision_number=decision_number,
        org=to_cell,
        acting_user=acting_user,
    )


@transaction.atomic
def member_delete_event(*, event: MembershipEvent, acting_user: Any = None) -> Member:
    """Remove a mistaken event; refused if the remaining history no longer holds."""
    member = event.member
    if not member.events.exclude(pk=event.pk).exists():
        raise ValidationError("Không thể xóa sự kiện duy nhất của hồ sơ đảng viên.")
    event.delete()
    rebuild_member(member)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="member",
        object_id=member.pk,
        description=f"Xóa sự kiện {event.get_kind_display()} của {member.person.full_name}",
    )
    return member


@transaction.atomic
def member_update(*, member: Member, acting_user: Any = None, **fields: Any) -> Member:
    """Update the person's and the member's own fields (not their history)."""
    person_fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
    member_fields = {k: v for k, v in fields.items() if k in MEMBER_FIELDS}
    unknown = set(fields) - set(person_fields) - set(member_fields)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if person_fields:
        person_save(person=member.person, acting_user=acting_user, **person_fields)
    new_card = member_fields.get("card_number") or None
    if "card_number" in member_fields:
        member_fields["card_number"] = new_card
        if new_card and new_card != member.card_number:
            _check_unique_identity(citizen_id=None, card_number=new_card, person=member.person)
            PartyCard.objects.create(
                member=member,
                number=new_card,
                issued_on=dt.date.today(),  # noqa: DTZ011 - a calendar day
                reason=PartyCard.Reason.CHANGED if member.card_number else PartyCard.Reason.FIRST,
            )
    for name, value in member_fields.items():
        setattr(member, name, value)
    member.full_clean(exclude=["person", "cell"])
    member.save()
    if "ceremony_on" in member_fields:
        rebuild_member(member)
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="member",
        object_id=member.pk,
        description=f"Sửa hồ sơ đảng viên {member.person.full_name}",
    )
    return member


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

WORK_HISTORY_FIELDS = ("starts_on", "ends_on", "position", "unit")
TRAINING_HISTORY_FIELDS = ("starts_on", "ends_on", "school", "subject", "degree")
FAMILY_FIELDS = ("relation", "full_name", "birth_year", "details")


def _person_rows_save(
    *, person: Person, model: type[Any], fields: tuple[str, ...], rows: list[dict[str, Any]],
    acting_user: Any, what: str,
) -> list[Any]:  # fmt: skip
    """Make the person's `model` rows exactly `rows`: a row with an "id" updates that row,
    one without adds a row, a row of the person left out is deleted. Any problem raises
    BulkRowsError (indexes of `rows`) and changes nothing."""
    existing = {obj.pk: obj for obj in model.objects.select_for_update().filter(person=person)}
    kept: list[Any] = []
    problems: list[tuple[int, str]] = []
    for i, row in enumerate(rows):
        unknown = set(row) - {"id", *fields}
        if unknown:
            raise TypeError(f"unknown fields: {sorted(unknown)}")
        obj = existing.pop(row["id"], None) if row.get("id") else model(person=person)
        if obj is None:
            problems.append((i, "Dòng này không thuộc hồ sơ của đảng viên."))
            continue
        for name in fields:
            value = row.get(name)
            setattr(
                obj, name, model._meta.get_field(name).get_default() if value is None else value
            )
        starts, ends = getattr(obj, "starts_on", None), getattr(obj, "ends_on", None)
        if starts and ends and ends < starts:
            problems.append((i, "Ngày kết thúc trước ngày bắt đầu."))
        try:
            obj.full_clean(exclude=["person"])
        except ValidationError as exc:
            problems.extend((i, message) for message in exc.messages)
        kept.append(obj)
    if problems:
        raise BulkRowsError(problems)
    model.objects.filter(person=person).exclude(pk__in=[o.pk for o in kept if o.pk]).delete()
    if any(o.pk for o in kept):
        model.objects.bulk_update([o for o in kept if o.pk], fields)
    model.objects.bulk_create([o for o in kept if not o.pk])
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="person",
        object_id=person.pk,
        description=f"Sửa {what} của {person.full_name} ({len(kept)} dòng)",
    )
    return list(model.objects.filter(person=person))


@transaction.atomic
def person_work_history_save(
    *, person: Person, rows: list[dict[str, Any]], acting_user: Any = None
) -> list[WorkHistory]:
    return _person_rows_save(
        person=person, model=WorkHistory, fields=WORK_HISTORY_FIELDS, rows=rows,
        acting_user=acting_user, what="quá trình công tác",
    )  # fmt: skip


@transaction.atomic
def person_training_history_save(
    *, person: Person, rows: list[dict[str, Any]], acting_user: Any = None
) -> list[TrainingHistory]:
    return _person_rows_save(
        person=person, model=TrainingHistory, fields=TRAINING_HISTORY_FIELDS, rows=rows,
        acting_user=acting_user, what="quá trình đào tạo, bồi dưỡng",
    )  # fmt: skip


@transaction.atomic
def person_family_save(
    *, person: Person, rows: list[dict[str, Any]], acting_user: Any = None
) -> list[FamilyRelation]:
    return _person_rows_save(
        person=person, model=FamilyRelation, fields=FAMILY_FIELDS, rows=rows,
        acting_user=acting_user, what="quan hệ gia đình",
    )  # fmt: skip
