"""The repeating parts of the member record: work, training and family history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.dates import check_record
from dangbo.core.locking import check_and_bump
from dangbo.members.models import (
    FamilyRelation,
    Person,
    TrainingHistory,
    WorkHistory,
)
from dangbo.members.services.bulk_create import BulkRowsError

WORK_HISTORY_FIELDS = ("starts_on", "ends_on", "position", "unit")
TRAINING_HISTORY_FIELDS = ("starts_on", "ends_on", "school", "subject", "degree")
FAMILY_FIELDS = ("relation", "full_name", "birth_year", "details")


def _person_rows_save(
    *, person: Person, model: type[Any], fields: tuple[str, ...], rows: list[dict[str, Any]],
    acting_user: Any, what: str, expected_version: int | None = None,
) -> list[Any]:  # fmt: skip
    """Make the person's `model` rows exactly `rows`: a row with an "id" updates that row,
    one without adds a row, a row of the person left out is deleted. Any problem raises
    BulkRowsError (indexes of `rows`) and changes nothing. The lists are part of the
    person's record: `expected_version` is the person's (see core.locking)."""
    check_and_bump(person, expected_version, user=acting_user)
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
            check_record(obj)
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
    *, person: Person, rows: list[dict[str, Any]], acting_user: Any = None,
    expected_version: int | None = None,
) -> list[WorkHistory]:  # fmt: skip
    return _person_rows_save(
        person=person, model=WorkHistory, fields=WORK_HISTORY_FIELDS, rows=rows,
        acting_user=acting_user, what="quá trình công tác", expected_version=expected_version,
    )  # fmt: skip


@transaction.atomic
def person_training_history_save(
    *, person: Person, rows: list[dict[str, Any]], acting_user: Any = None,
    expected_version: int | None = None,
) -> list[TrainingHistory]:  # fmt: skip
    return _person_rows_save(
        person=person, model=TrainingHistory, fields=TRAINING_HISTORY_FIELDS, rows=rows,
        acting_user=acting_user, what="quá trình đào tạo, bồi dưỡng",
        expected_version=expected_version,
    )  # fmt: skip


@transaction.atomic
def person_family_save(
    *, person: Person, rows: list[dict[str, Any]], acting_user: Any = None,
    expected_version: int | None = None,
) -> list[FamilyRelation]:  # fmt: skip
    return _person_rows_save(
        person=person, model=FamilyRelation, fields=FAMILY_FIELDS, rows=rows,
        acting_user=acting_user, what="quan hệ gia đình", expected_version=expected_version,
    )  # fmt: skip
