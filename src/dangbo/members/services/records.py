"""Writes to people, members and their history. Every change to membership is a
MembershipEvent; the member's state and periods are then re-derived from all of
their events, so a back-dated or out-of-order event is checked like any other."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record, check_record_date
from dangbo.core.locking import check_and_bump, check_and_bump_all
from dangbo.core.text import fold
from dangbo.members.bulk import apply_state, period_rows
from dangbo.members.choices import EventKind
from dangbo.members.history import ENTRY_KINDS, HistoryError, derive
from dangbo.members.models import (
    Member,
    MemberPeriod,
    MembershipEvent,
    PartyCard,
    Person,
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
        if clash.exists():
            # The holder is not named here: the caller may not be allowed to see them
            # (a form names them when the user may: backoffice explain_duplicates).
            raise ValidationError(
                {"citizen_id": f"Số căn cước {citizen_id} đã có trong một hồ sơ khác."}
            )
    if card_number:
        clash_cards = PartyCard.objects.filter(number=card_number)
        if person is not None:
            clash_cards = clash_cards.exclude(member__person=person)
        if clash_cards.exists():
            raise ValidationError(
                {"card_number": f"Số thẻ {card_number} đã cấp cho một đảng viên khác."}
            )


def _check_admission_age(person: Person, decided_on: dt.date) -> None:
    """The cell considers a candidate before the decision, so one under 18 on the decision
    day was under 18 at the cell's meeting too (the age rule of admission.rules)."""
    from dangbo.admission.rules import StepError, check_age

    try:
        check_age(person.birth_date, decided_on, over_age_approval="(hồ sơ cũ)")
    except StepError as exc:
        raise ValidationError({"date": str(exc)}) from exc


def rebuild_member(member: Member) -> Member:
    """Re-derive state and periods from all events; raise ValidationError if impossible."""
    events = list(member.events.all())
    try:
        state = derive(events, ceremony_on=member.ceremony_on)
    except HistoryError as exc:
        raise ValidationError({"date": str(exc)}) from exc
    cell_ids = [] if state.cell_id is None else [state.cell_id]
    paths = dict(Organization.objects.filter(pk__in=cell_ids).values_list("pk", "path"))
    apply_state(member, state, paths)
    member.save(
        update_fields=[
            "status", "is_exempted", "admitted_on", "full_on", "left_on", "cell", "org_path",
            "party_age_from",
        ]
    )  # fmt: skip
    MemberPeriod.objects.filter(member=member).delete()
    MemberPeriod.objects.bulk_create(period_rows(member, state))
    return member


@transaction.atomic
def person_save(
    *,
    person: Person | None = None,
    acting_user: Any = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Person:
    """Create a person, or change one (with an audit row: cached figures depend on it)."""
    existing = person is not None and person.pk is not None
    if person is not None:
        check_and_bump(person, expected_version, user=acting_user, values=fields)
    person = _person_write(person=person, **fields)
    if existing:
        audit_log(
            user=acting_user,
            action=AuditAction.CHANGE,
            object_type="person",
            object_id=person.pk,
            description=f"Sửa lý lịch {person.full_name}",
        )
    return person


def _person_write(*, person: Person | None, **fields: Any) -> Person:
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
    check_record(person)
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
    if kind not in ENTRY_KINDS:
        raise ValidationError({"kind": "Hồ sơ đảng viên bắt đầu bằng kết nạp hoặc chuyển đến."})
    if Member.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person.full_name} đã có hồ sơ đảng viên."})
    _check_cell(cell)
    if kind == EventKind.ADMITTED:
        _check_admission_age(person, date)
    if member_fields.get("card_number") == "":
        member_fields["card_number"] = None
    _check_unique_identity(
        citizen_id=None, card_number=member_fields.get("card_number"), person=person
    )
    member = Member(person=person, **member_fields)
    check_record_date(date, field="date", label="ngày hiệu lực")
    check_record(member)
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
    expected_version: int | None = None,
) -> MembershipEvent:
    """Append an event and re-derive; an event the history does not allow changes nothing.
    `expected_version`: the member's version the caller last read (see core.locking)."""
    check_record_date(date, field="date", label="ngày hiệu lực")
    check_record_date(decision_date, field="decision_date", label="ngày quyết định")
    member = Member.objects.select_for_update().get(pk=member.pk)
    check_and_bump(member, expected_version, user=acting_user)
    if kind in ENTRY_KINDS or kind == EventKind.TRANSFERRED:
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
def member_update(
    *,
    member: Member,
    acting_user: Any = None,
    expected_version: int | None = None,
    expected_person_version: int | None = None,
    **fields: Any,
) -> Member:
    """Update the person's and the member's own fields (not their history); the expected
    versions are those the edit form was loaded with (see core.locking)."""
    person_fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
    member_fields = {k: v for k, v in fields.items() if k in MEMBER_FIELDS}
    unknown = set(fields) - set(person_fields) - set(member_fields)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    check_and_bump_all(
        [
            (member, expected_version, member_fields),
            (member.person, expected_person_version, person_fields),
        ],
        user=acting_user,
    )
    if person_fields:
        # member_update writes its own audit row below.
        _person_write(person=member.person, **person_fields)
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
    check_record(member)
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
