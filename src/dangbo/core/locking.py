"""No lost update: optimistic locking with a version column (docs/SECURITY.md).

An edit form carries the version of the row it was loaded from in a hidden field
(`VersionedFormMixin`); the service that saves calls `check_and_bump(row, expected_version)`
inside its transaction, which runs `UPDATE … SET version = version + 1 WHERE pk = … AND
version = …`. If someone else saved in between, no row matches and `EditConflict` (a
ValidationError) says who changed the record, when, and which fields now differ, with their
current values; the transaction rolls back and nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone

VERSION_FIELD = "expected_version"
_NOT_COMPARED = {"id", "version", "edited_at", "edited_by", "search", "search_name", "path"}


def editor_name(user: Any) -> str:
    """How a saver is named in a conflict message."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (full or user.get_username())[:150]


def _shown(row: models.Model, field: models.Field[Any, Any]) -> str:
    if field.is_relation:
        value: Any = getattr(row, field.name, None)
    elif field.choices:
        value = getattr(row, f"get_{field.name}_display")()
    else:
        value = field.value_from_object(row)
    if value is None or value == "":
        return "(để trống)"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%H:%M %d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def _label(field: models.Field[Any, Any]) -> str:
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def _comparable(field: models.Field[Any, Any], value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        return value.strip()
    return value


class EditConflict(ValidationError):
    """Someone else saved the row after it was loaded for editing."""

    def __init__(self, current: models.Model, changed: list[tuple[str, str, str]]) -> None:
        self.current = current
        self.changed = changed  # (field name, label, the value now stored)
        self.version: int = current.version  # type: ignore[attr-defined]
        who = current.edited_by or "người khác"  # type: ignore[attr-defined]
        at = current.edited_at  # type: ignore[attr-defined]
        when = f" lúc {timezone.localtime(at):%H:%M ngày %d/%m/%Y}" if at else ""
        text = (
            f"{str(current._meta.verbose_name).capitalize()} này đã được {who} sửa{when} trong khi "
            "đồng chí đang sửa; thay đổi của đồng chí chưa được lưu."
        )
        if changed:
            text += " Giá trị hiện có trong hệ thống: " + "; ".join(
                f"{label}: «{value}»" for _, label, value in changed
            )
            text += "."
        text += " Đề nghị tải lại trang, xem lại rồi sửa lại nếu cần."
        super().__init__(text, code="edit_conflict")


def _differences(
    row: models.Model, current: models.Model, values: Mapping[str, Any] | None
) -> list[tuple[str, str, str]]:
    changed = []
    for field in current._meta.concrete_fields:
        name = field.name
        if name in _NOT_COMPARED or field.primary_key:
            continue
        if values is not None:
            if name not in values and field.attname not in values:
                continue
            mine = values.get(name, values.get(field.attname))
        else:
            mine = getattr(row, field.attname)
        theirs = getattr(current, field.attname)
        if _comparable(field, mine) != _comparable(field, theirs):
            changed.append((name, _label(field), _shown(current, field)))
    return changed


def check_and_bump(
    row: models.Model,
    expected_version: int | None,
    *,
    user: Any = None,
    values: Mapping[str, Any] | None = None,
) -> None:
    """Claim the next version of `row`, in the caller's transaction.

    `expected_version` is the version the editor loaded (None: a write with no edit form
    behind it, such as an import; the version is still bumped so open forms see it).
    Raises EditConflict when the row has moved on; the message compares `values` (the
    fields being saved, by name) or else the row's own attributes with what is stored.
    """
    if row.pk is None:  # a new row: nothing to check
        return
    model = type(row)
    now, who = timezone.now(), editor_name(user)
    rows = model._base_manager.filter(pk=row.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1, edited_at=now, edited_by=who) == 0:
        current = model._base_manager.get(pk=row.pk)
        raise EditConflict(current, _differences(row, current, values))
    if expected_version is not None:
        row.version = expected_version + 1  # type: ignore[attr-defined]
    else:
        current_version = model._base_manager.filter(pk=row.pk).values_list("version", flat=True)
        row.version = current_version.get()  # type: ignore[attr-defined]
    row.edited_at, row.edited_by = now, who  # type: ignore[attr-defined]


def check_and_bump_all(
    edits: list[tuple[models.Model, int | None, Mapping[str, Any] | None]], *, user: Any = None
) -> None:
    """check_and_bump for rows saved together by one form (row, expected version, values):
    one refusal that lists the changed fields of all of them."""
    conflicts: list[EditConflict] = []
    for row, expected, values in edits:
        try:
            check_and_bump(row, expected, user=user, values=values)
        except EditConflict as exc:
            conflicts.append(exc)
    if conflicts:
        changed = [item for exc in conflicts for item in exc.changed]
        raise EditConflict(conflicts[0].current, changed)


class VersionedFormMixin(forms.BaseForm):
    """Carries the version of the row being edited in a hidden field `expected_version`.

    The version comes from `initial["expected_version"]` or the ModelForm's instance; a form
    for a new row has no such field. The field is required, so a save without it is refused.
    """

    version_field = VERSION_FIELD  # another name where two such forms share one <form>

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = self.initial.get(self.version_field)
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and instance.pk is not None:
            version = getattr(instance, "version", None)
            self.initial[self.version_field] = version
        if version is None:  # a new row: nothing to lock
            return
        self.fields[self.version_field] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=1,
            error_messages={
                "required": "Biểu mẫu thiếu số phiên bản của hồ sơ; đề nghị tải lại trang.",
                "invalid": "Số phiên bản của hồ sơ không hợp lệ; đề nghị tải lại trang.",
                "min_value": "Số phiên bản của hồ sơ không hợp lệ; đề nghị tải lại trang.",
            },
        )

    def full_clean(self) -> None:
        super().full_clean()
        errors = getattr(self, "_errors", None)
        if errors and self.version_field in errors:  # hidden: show its error above the form
            errors.setdefault(NON_FIELD_ERRORS, self.error_class(error_class="nonfield"))
            errors[NON_FIELD_ERRORS].extend(errors.pop(self.version_field))

    @property
    def expected_version(self) -> int | None:
        if not hasattr(self, "cleaned_data"):
            return None
        return self.cleaned_data.get(self.version_field)


def versioned_initial(row: Any, key: str = VERSION_FIELD, **initial: Any) -> dict[str, Any]:
    """`initial` for a plain edit form of `row`, with the row's version under `key` (none
    for a new row, `row` None)."""
    if row is None or row.pk is None:
        return initial
    return {**initial, key: row.version}
