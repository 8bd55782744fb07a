"""Writes of mass organizations, their terms, member counts and activities.

Each service is one transaction, validates with dangbo.massorgs.rules, raises
ValidationError({field: Vietnamese message}) and writes an AuditEntry (action "change") so
cached figures follow (dangbo.indicators.registry). Terms and counts are audited under the
mass organization (its page shows them in its history).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.core.text import fold, format_date, format_number
from dangbo.massorgs import rules
from dangbo.massorgs.models import (
    MassOrgActivity,
    MassOrganization,
    MassOrgMembership,
    MassOrgTerm,
)
from dangbo.orgs.models import Organization


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


@transaction.atomic
def massorg_save(
    *,
    kind: str,
    party_org: Organization,
    name: str,
    host_unit_name: str = "",
    note: str = "",
    massorg: MassOrganization | None = None,
    acting_user: Any = None,
    expected_version: int | None = None,
) -> MassOrganization:
    errors = rules.check_massorg(name=name, party_org_kind=party_org.kind)
    twin = MassOrganization.objects.filter(kind=kind, party_org=party_org)
    if massorg is not None:
        twin = twin.exclude(pk=massorg.pk)
    if not errors and twin.exists():
        errors["kind"] = f"{party_org.name} đã có tổ chức {twin.first()}."
    if errors:
        raise ValidationError(errors)
    creating = massorg is None
    massorg = massorg or MassOrganization()
    massorg.kind = kind
    massorg.party_org = party_org
    massorg.name = name.strip()
    massorg.host_unit_name = host_unit_name.strip() or party_org.host_unit_name
    massorg.note = note.strip()
    massorg.search_text = fold(f"{massorg.name} {massorg.host_unit_name} {party_org.name}")
    check_record(massorg)
    massorg.full_clean()
    check_and_bump(massorg, expected_version, user=acting_user)
    massorg.save()
    audit_log(
        user=acting_user, action=AuditAction.CHANGE, object_type="mass_organization",
        object_id=massorg.pk,
        description=f"{'Thêm' if creating else 'Sửa'} tổ chức đoàn thể {massorg.name} "
        f"({massorg.get_kind_display()}, thuộc {party_org.name})",
    )  # fmt: skip
    return massorg


@transaction.atomic
def term_create(
    *,
    massorg: MassOrganization,
    name: str,
    congress_on: dt.date,
    chair_name: str = "",
    committee_size: int | None = None,
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> MassOrgTerm:
    """A congress and the term it opened; terms of one organization do not overlap."""
    errors = rules.check_term(
        rules.rules_at(congress_on), name=name, congress_on=congress_on, today=_today(today)
    )
    if errors:
        raise ValidationError(errors)
    years = rules.parse_term(name)
    assert years is not None
    start, end = years
    clash = massorg.terms.filter(start_year__lt=end, end_year__gt=start).first()
    if clash is not None:
        raise ValidationError(
            {"name": f"Trùng thời gian với nhiệm kỳ {clash.name} (đại hội ngày "
             f"{format_date(clash.congress_on)})."}
        )  # fmt: skip
    term = MassOrgTerm(
        massorg=massorg, congress_on=congress_on, name=f"{start}–{end}", start_year=start,
        end_year=end, chair_name=chair_name.strip(), committee_size=committee_size,
        note=note.strip(),
    )  # fmt: skip
    check_record(term)
    term.full_clean()
    term.save()
    audit_log(
        user=acting_user, action=AuditAction.CHANGE, object_type="mass_organization",
        object_id=massorg.pk,
        description=f"Đại hội {massorg.name} nhiệm kỳ {term.name} ngày "
        f"{format_date(congress_on)}"
        + (f", chủ tịch/bí thư {term.chair_name}" if chair_name else ""),
    )  # fmt: skip
    return term


@transaction.atomic
def membership_record(
    *,
    massorg: MassOrganization,
    as_of: dt.date,
    members: int,
    note: str = "",
    acting_user: Any = None,
    today: dt.date | None = None,
) -> MassOrgMembership:
    """The number of members on a date (a second count of the same day replaces it)."""
    errors = rules.check_membership(as_of=as_of, members=members, today=_today(today))
    if errors:
        raise ValidationError(errors)
    row, _created = MassOrgMembership.objects.update_or_create(
        massorg=massorg, as_of=as_of, defaults={"members": members, "note": note.strip()}
    )
    audit_log(
        user=acting_user, action=AuditAction.CHANGE, object_type="mass_organization",
        object_id=massorg.pk,
        description=f"Số đoàn viên, hội viên của {massorg.name} ngày {format_date(as_of)}: "
        f"{format_number(members)}",
    )  # fmt: skip
    return row


@transaction.atomic
def activity_save(
    *,
    massorg: MassOrganization,
    date: dt.date,
    kind: str,
    title: str,
    purpose: str = "",
    amount_vnd: int = 0,
    houses: int = 0,
    blood_units: int = 0,
    beneficiaries: int = 0,
    notes: str = "",
    activity: MassOrgActivity | None = None,
    acting_user: Any = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> MassOrgActivity:
    errors = rules.check_activity(
        kind=kind, title=title, date=date, purpose=purpose, amount_vnd=amount_vnd,
        houses=houses, blood_units=blood_units, beneficiaries=beneficiaries,
        today=_today(today),
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    creating = activity is None
    if activity is None:
        activity = MassOrgActivity()
    else:
        activity = MassOrgActivity.objects.select_for_update().get(pk=activity.pk)
    activity.massorg = massorg
    activity.date = date
    activity.kind = kind
    activity.title = title.strip()
    activity.purpose = purpose
    activity.amount_vnd = amount_vnd
    activity.houses = houses
    activity.blood_units = blood_units
    activity.beneficiaries = beneficiaries
    activity.notes = notes.strip()
    activity.search_text = fold(f"{activity.title} {activity.notes} {massorg.name}")
    check_record(activity)
    activity.full_clean()
    check_and_bump(activity, expected_version, user=acting_user)
    activity.save()
    money = f", {format_number(amount_vnd)} đ" if amount_vnd else ""
    audit_log(
        user=acting_user, action=AuditAction.CHANGE, object_type="massorg_activity",
        object_id=activity.pk,
        description=f"{'Ghi' if creating else 'Sửa'} hoạt động “{activity.title}” của "
        f"{massorg.name} ngày {format_date(date)}{money}",
    )  # fmt: skip
    return activity
