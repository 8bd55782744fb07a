"""Importing members from a spreadsheet: check everything, then write all rows or none.

`check_file` reads the file once and writes nothing; `import_file` reads it once
more inside one transaction, checking each batch of rows again and writing it
through the member services, and rolls everything back if any row is bad.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.scope import Action, scope_of
from dangbo.core.text import format_number
from dangbo.imports.checks import Checker, Issue, Outcome, RowPlan
from dangbo.imports.reader import FileProblem, RowStream
from dangbo.members.choices import EventKind
from dangbo.members.services import (
    BulkRowsError,
    NewMemberRow,
    member_create,
    member_record_event,
    member_update,
    members_bulk_create,
    person_save,
)
from dangbo.orgs.models import Organization

BATCH = 500
Progress = Callable[[int, int], None]
Source = str | Path | IO[bytes]


@dataclass
class ImportReport:
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_rows: int = 0
    issue_count: int = 0
    issues: list[Issue] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return self.issue_count == 0

    @property
    def summary(self) -> str:
        return (
            f"{format_number(self.new)} mới, {format_number(self.updated)} cập nhật, "
            f"{format_number(self.unchanged)} không đổi"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "bad_rows": self.bad_rows,
            "issue_count": self.issue_count,
            "issues": [issue.as_json() for issue in self.issues],
            "committed": self.committed,
            "summary": self.summary,
        }


class _Rollback(Exception):
    def __init__(self, report: ImportReport) -> None:
        self.report = report


def _covers(user: Any) -> Callable[[str], bool]:
    """None is the command line, which may import anywhere."""
    if user is None:
        return lambda path: True
    scope = scope_of(user)
    return lambda path: scope.covers_path(Action.IMPORT, path)


def check_file(
    source: Source, *, org: Organization, user: Any = None, progress: Progress | None = None
) -> ImportReport:
    """Read and check every row; write nothing."""
    return _run(source, org=org, user=user, progress=progress, apply=False)


def import_file(
    source: Source, *, org: Organization, user: Any = None, progress: Progress | None = None
) -> ImportReport:
    """Check and write every row in one transaction; if any row is bad, write none."""
    try:
        with transaction.atomic():
            lock_import(org)
            report = _run(source, org=org, user=user, progress=progress, apply=True)
            if not report.ok:
                raise _Rollback(report)
            report.committed = True
            audit_log(
                user=user,
                action=AuditAction.IMPORT,
                object_type="member",
                object_id=org.pk,
                description=f"Nhập danh sách đảng viên từ Excel vào {org.name} "
                f"({org.code}): {report.summary}",
            )
    except _Rollback as stop:
        return stop.report
    return report


def lock_import(org: Organization) -> None:
    """Two imports under one tree run one after the other (docs/SECURITY.md).

    Locks the rows of `org` and of its ancestors, top first, until the transaction ends, so
    an import into a base committee and one into its cell wait for each other too; the
    second then checks its rows against the people the first wrote (by citizen ID, card, or
    name and birth date in the cell) instead of adding them again. PostgreSQL takes the row
    locks; on SQLite the IMMEDIATE transaction mode already lets one writer in at a time."""
    step = Organization.steplen
    paths = [org.path[:end] for end in range(step, len(org.path) + 1, step)]
    list(Organization.objects.select_for_update().filter(path__in=paths).order_by("path"))


def _run(
    source: Source, *, org: Organization, user: Any, progress: Progress | None, apply: bool
) -> ImportReport:
    checker = Checker(org=org, covers=_covers(user))
    try:
        stream = RowStream(source)
    except FileProblem as exc:
        checker.add(0, None, str(exc))
        return _report(checker)
    with stream:
        total = stream.total
        if progress:
            progress(0, total)
        batch: list[RowPlan] = []
        for number, values in stream:
            batch.append(checker.parse(number, values))
            if len(batch) >= BATCH:
                _finish(checker, batch, user, apply)
                batch = []
                if progress:
                    progress(checker.rows, max(total, checker.rows))
        _finish(checker, batch, user, apply)
    if progress:
        progress(checker.rows, checker.rows)
    if not checker.rows:
        checker.add(0, None, "Tệp không có dòng dữ liệu nào.")
    return _report(checker)


def _report(checker: Checker) -> ImportReport:
    return ImportReport(
        rows=checker.rows,
        new=checker.counts[Outcome.NEW],
        updated=checker.counts[Outcome.UPDATED],
        unchanged=checker.counts[Outcome.UNCHANGED],
        bad_rows=len(checker.bad_rows),
        issue_count=checker.issue_count,
        issues=sorted(checker.issues, key=lambda i: (i.row, i.column.index if i.column else -1)),
    )


def _finish(checker: Checker, batch: list[RowPlan], user: Any, apply: bool) -> None:
    if not batch:
        return
    checker.check_batch(batch)
    if apply and not checker.issue_count:
        _write(checker, batch, user)


def _write(checker: Checker, batch: list[RowPlan], user: Any) -> None:
    """Write one checked batch through the member services."""
    fresh: list[RowPlan] = []
    for plan in batch:
        try:
            if plan.outcome == Outcome.NEW and plan.person is None:
                fresh.append(plan)
            elif plan.outcome == Outcome.NEW:
                _admit_known_person(plan, user)
            elif plan.outcome == Outcome.UPDATED:
                _update(plan, user)
        except ValidationError as exc:
            checker.add(plan.row, None, " ".join(exc.messages), plan)
    if not fresh:
        return
    rows = [
        NewMemberRow(
            person=plan.person_fields,
            cell=plan.cell,  # type: ignore[arg-type]  # checked: a new row has its cell
            admitted_on=plan.admitted_on,  # type: ignore[arg-type]
            full_on=plan.full_on,
            background_number=plan.member_fields.get("background_number", ""),
            card_number=plan.member_fields.get("card_number"),
            introducers=plan.member_fields.get("introducers", ""),
        )
        for plan in fresh
    ]
    try:
        members_bulk_create(rows=rows, acting_user=user)
    except BulkRowsError as exc:
        for index, message in exc.problems:
            checker.add(fresh[index].row, None, message)


def _admit_known_person(plan: RowPlan, user: Any) -> None:
    assert plan.person is not None and plan.cell is not None and plan.admitted_on is not None
    person = plan.person
    if plan.person_changes:
        person = person_save(person=person, acting_user=user, **plan.person_changes)
    member = member_create(
        person=person,
        kind=EventKind.ADMITTED,
        date=plan.admitted_on,
        cell=plan.cell,
        acting_user=user,
        **plan.member_fields,
    )
    if plan.full_on:
        member_record_event(
            member=member, kind=EventKind.RECOGNIZED, date=plan.full_on, acting_user=user
        )


def _update(plan: RowPlan, user: Any) -> None:
    assert plan.member is not None
    changes = {**plan.person_changes, **plan.member_changes}
    if changes:
        member_update(member=plan.member, acting_user=user, **changes)
    if plan.recognize_on:
        member_record_event(
            member=plan.member, kind=EventKind.RECOGNIZED, date=plan.recognize_on, acting_user=user
        )
