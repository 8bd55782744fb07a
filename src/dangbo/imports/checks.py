"""Checking rows of a member spreadsheet, in one streaming pass.

Each row is read into a RowPlan, checked on its own (dates, required columns, the
12-month probation), against the rest of the file (the same citizen ID or card
twice) and, a batch at a time, against the records (who it matches, whether
anything differs). Only small keys are kept between batches: the citizen IDs and
card numbers seen, with the row they were first seen on, and the cells by code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from django.utils import timezone

from dangbo.core.dates import DateKind, date_error
from dangbo.core.text import fold
from dangbo.imports.columns import BY_FIELD, EVENT, PERSON, CellError, Column, from_cell
from dangbo.members.choices import MemberStatus
from dangbo.members.models import Member, PartyCard, Person
from dangbo.members.rules import probation_end, probation_months
from dangbo.orgs.models import CELL_KINDS, Organization
from dangbo.orgs.selectors import resolve_code

# Issues kept for display; beyond this only their number is.
MAX_ISSUES = 10_000


class Outcome(IntEnum):
    NONE = 0
    NEW = 1
    UPDATED = 2
    UNCHANGED = 3


@dataclass
class Issue:
    row: int  # the Excel row; 0 for the file as a whole
    column: Column | None
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if self.column is None:
            return f"Dòng {self.row}: {self.message}"
        return f"Dòng {self.row}, cột {self.column.letter} ({self.column.header}): {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column.letter if self.column else "",
            "header": self.column.header if self.column else "",
            "message": self.message,
            "text": str(self),
        }


@dataclass
class RowPlan:
    row: int
    person_fields: dict[str, Any] = field(default_factory=dict)
    member_fields: dict[str, Any] = field(default_factory=dict)
    cell_code: str | None = None
    admitted_on: dt.date | None = None
    full_on: dt.date | None = None
    cell: Organization | None = None
    bad: bool = False
    outcome: Outcome = Outcome.NONE
    person: Person | None = None
    member: Member | None = None
    person_changes: dict[str, Any] = field(default_factory=dict)
    member_changes: dict[str, Any] = field(default_factory=dict)
    recognize_on: dt.date | None = None


@dataclass
class _Known:
    """What a batch's rows may match on record."""

    by_id: dict[str | None, Person] = field(default_factory=dict)
    owners: dict[str | None, int] = field(default_factory=dict)  # card number -> person id
    by_pk: dict[int, Person] = field(default_factory=dict)
    by_name: dict[tuple[str, dt.date, int], list[Person]] = field(default_factory=dict)


def _anonymous(plan: RowPlan) -> bool:
    """A row with neither citizen ID nor card, matched by name and birth date in its cell."""
    fields = plan.person_fields
    return (
        not fields.get("citizen_id")
        and not plan.member_fields.get("card_number")
        and bool(fields.get("full_name") and fields.get("birth_date") and plan.cell)
    )


def _name_key(plan: RowPlan) -> tuple[str, dt.date, int]:
    assert plan.cell is not None
    fields = plan.person_fields
    return (fold(fields["full_name"]), fields["birth_date"], plan.cell.pk)


def _member_of(person: Person) -> Member | None:
    try:
        return person.member
    except Member.DoesNotExist:
        return None


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


class Checker:
    """Checks rows for an import into `org`; `covers(path)` says if the user may import there."""

    def __init__(self, *, org: Organization, covers: Callable[[str], bool]) -> None:
        self.org = org
        self.covers = covers
        self.today = timezone.localdate()
        self.issues: list[Issue] = []
        self.issue_count = 0
        self.bad_rows: set[int] = set()
        self.rows = 0
        self.counts = {Outcome.NEW: 0, Outcome.UPDATED: 0, Outcome.UNCHANGED: 0}
        self._cells: dict[str, tuple[Organization | None, str]] = {}
        self._first_id: dict[str, int] = {}
        self._first_card: dict[str, int] = {}
        self._first_name: dict[tuple[str, dt.date, int], int] = {}
        self._reported_first: set[tuple[str, int]] = set()
        self._outcomes = bytearray()  # by row number, to un-count a row found bad later

    # -- issues -------------------------------------------------------------------------------

    def add(
        self, row: int, column: Column | None, message: str, plan: RowPlan | None = None
    ) -> None:
        self.issue_count += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(row, column, message))
        if plan is not None:
            plan.bad = True
        if row and row not in self.bad_rows:
            self.bad_rows.add(row)
            if row < len(self._outcomes) and self._outcomes[row]:
                self.counts[Outcome(self._outcomes[row])] -= 1
                self._outcomes[row] = Outcome.NONE

    def _classified(self, plan: RowPlan, outcome: Outcome) -> None:
        if plan.row in self.bad_rows:  # reported meanwhile (the first of two equal IDs)
            plan.bad = True
            return
        plan.outcome = outcome
        self.counts[outcome] += 1
        if len(self._outcomes) <= plan.row:
            self._outcomes.extend(bytes(plan.row + 1 - len(self._outcomes)))
        self._outcomes[plan.row] = outcome

    # -- one row on its own -------------------------------------------------------------------

    def parse(self, number: int, values: dict[Column, Any]) -> RowPlan:
        self.rows += 1
        plan = RowPlan(row=number)
        for column, raw in values.items():
            try:
                value = from_cell(column, raw)
            except CellError as exc:
                self.add(number, column, str(exc), plan)
                continue
            if value is None:
                if column.required:
                    self.add(number, column, f"Thiếu “{column.header}”.", plan)
                continue
            if column.owner == PERSON:
                plan.person_fields[column.field] = value
            elif column.owner == EVENT:
                setattr(plan, column.field, value)
            else:
                plan.member_fields[column.field] = value
        self._check_dates(plan)
        self._check_duplicates(plan)
        if plan.cell_code:
            plan.cell = self._cell(plan, plan.cell_code)
        if _anonymous(plan):
            self._check_same_person(plan)
        return plan

    def _check_same_person(self, plan: RowPlan) -> None:
        key = _name_key(plan)
        first = self._first_name.get(key)
        if first is None:
            self._first_name[key] = plan.row
            return
        column = BY_FIELD["full_name"]
        what = "Trùng họ tên, ngày sinh và chi bộ với dòng {} mà không có số căn cước, số thẻ."
        self.add(plan.row, column, what.format(first), plan)
        if ("name", first) not in self._reported_first:
            self._reported_first.add(("name", first))
            self.add(first, column, what.format(plan.row))

    def _check_dates(self, plan: RowPlan) -> None:
        birth = plan.person_fields.get("birth_date")
        youth = plan.person_fields.get("youth_union_on")
        admitted, full = plan.admitted_on, plan.full_on
        for column, day, kind in (
            ("birth_date", birth, DateKind.BIRTH), ("youth_union_on", youth, DateKind.CIVIL),
            ("admitted_on", admitted, DateKind.EVENT), ("full_on", full, DateKind.EVENT),
        ):  # fmt: skip
            message = date_error(day, kind=kind, label="ngày", today=self.today)
            if message:
                self.add(plan.row, BY_FIELD[column], message, plan)
        if birth and admitted and admitted <= birth:
            self.add(plan.row, BY_FIELD["admitted_on"], "Ngày vào Đảng phải sau ngày sinh.", plan)
        if birth and youth and youth <= birth:
            self.add(
                plan.row, BY_FIELD["youth_union_on"], "Ngày vào Đoàn phải sau ngày sinh.", plan
            )
        if admitted and full:
            ends = probation_end(admitted)
            if full < ends:
                self.add(
                    plan.row,
                    BY_FIELD["full_on"],
                    f"Ngày chính thức {_day(full)} chưa đủ {probation_months(full)} tháng dự bị "
                    f"kể từ ngày vào Đảng {_day(admitted)} (sớm nhất là {_day(ends)}).",
                    plan,
                )

    def _check_duplicates(self, plan: RowPlan) -> None:
        for key, seen, label in (
            ("citizen_id", self._first_id, "Số căn cước"),
            ("card_number", self._first_card, "Số thẻ đảng viên"),
        ):
            value = plan.person_fields.get(key) or plan.member_fields.get(key)
            if not value:
                continue
            first = seen.get(value)
            if first is None:
                seen[value] = plan.row
                continue
            column = BY_FIELD[key]
            self.add(plan.row, column, f"{label} {value} trùng với dòng {first}.", plan)
            if (key, first) not in self._reported_first:  # once, however many repeats
                self._reported_first.add((key, first))
                self.add(first, column, f"{label} {value} trùng với dòng {plan.row}.")

    def _cell(self, plan: RowPlan, code: str) -> Organization | None:
        if code not in self._cells:
            self._cells[code] = self._resolve_cell(code)
        cell, problem = self._cells[code]
        if problem:
            self.add(plan.row, BY_FIELD["cell_code"], problem, plan)
            return None
        return cell

    def _resolve_cell(self, code: str) -> tuple[Organization | None, str]:
        cell = resolve_code(code)
        if cell is None:
            return None, f"Không có chi bộ mã “{code}”."
        if cell.kind not in CELL_KINDS:
            return None, f"Mã “{code}” là của {cell.name}, không phải chi bộ."
        if not cell.path.startswith(self.org.path) or not self.covers(cell.path):
            return None, f"Chi bộ mã “{code}” không thuộc {self.org.name}."
        return cell, ""

    # -- a batch against the records ----------------------------------------------------------

    def check_batch(self, plans: list[RowPlan]) -> None:
        live = [p for p in plans if not p.bad and p.row not in self.bad_rows]
        ids = {p.person_fields["citizen_id"] for p in live if p.person_fields.get("citizen_id")}
        cards = {p.member_fields["card_number"] for p in live if p.member_fields.get("card_number")}
        people = Person.objects.select_related("member", "member__cell")
        known = _Known(by_id={p.citizen_id: p for p in people.filter(citizen_id__in=ids)})
        known.owners.update(
            PartyCard.objects.filter(number__in=cards).values_list("number", "member__person_id")
        )
        known.owners.update(
            Member.objects.filter(card_number__in=cards).values_list("card_number", "person_id")
        )
        known.by_pk.update({p.pk: p for p in known.by_id.values()})
        missing = set(known.owners.values()) - set(known.by_pk)
        known.by_pk.update({p.pk: p for p in people.filter(pk__in=missing)})
        unnamed = [p for p in live if _anonymous(p)]
        if unnamed:  # no citizen ID, no card: the same name and birth date in the same cell
            found = people.filter(
                search_name__in={fold(p.person_fields["full_name"]) for p in unnamed},
                birth_date__in={p.person_fields["birth_date"] for p in unnamed},
                member__cell__in={p.cell for p in unnamed},
            )
            for person in found:
                key = (person.search_name, person.birth_date, person.member.cell_id or 0)
                known.by_name.setdefault(key, []).append(person)
        for plan in live:
            self._match(plan, known)

    def _match(self, plan: RowPlan, known: _Known) -> None:
        citizen_id = plan.person_fields.get("citizen_id")
        card = plan.member_fields.get("card_number")
        person = known.by_id.get(citizen_id) if citizen_id else None
        owner = known.by_pk.get(known.owners[card]) if card and card in known.owners else None
        if person is None and owner is not None and not (citizen_id and owner.citizen_id):
            person = owner  # matched by card: no citizen ID on one side
        if owner is not None and owner != person:
            message = f"Số thẻ đảng viên {card} đã cấp cho một đảng viên khác."
            self.add(plan.row, BY_FIELD["card_number"], message, plan)
            return
        if _anonymous(plan):
            same = known.by_name.get(_name_key(plan), [])
            if len(same) > 1:
                message = (
                    f"Chi bộ có {len(same)} đảng viên cùng họ tên và ngày sinh; "
                    "hãy ghi số căn cước để phân biệt."
                )
                self.add(plan.row, BY_FIELD["citizen_id"], message, plan)
                return
            person = same[0] if same else None
        member = _member_of(person) if person is not None else None
        if person is None or member is None:
            self._new(plan, person)
            return
        key = BY_FIELD["card_number" if card and not citizen_id else "citizen_id"]
        if not self.covers(member.org_path):
            message = "Trùng với hồ sơ đảng viên ngoài phạm vi được nhập dữ liệu."
            self.add(plan.row, key, message, plan)
            return
        plan.person = person
        plan.person_changes = self._diff(person, plan.person_fields)
        plan.member = member
        self._compare_history(plan, member)
        if plan.bad:
            return
        plan.member_changes = self._diff(member, plan.member_fields)
        changed = plan.person_changes or plan.member_changes or plan.recognize_on
        self._classified(plan, Outcome.UPDATED if changed else Outcome.UNCHANGED)

    def _new(self, plan: RowPlan, person: Person | None) -> None:
        """A new member; `person` is someone on record (e.g. a candidate) now admitted."""
        cell = plan.cell
        if cell is not None and cell.dissolved_on is not None:
            message = f"Chi bộ mã “{cell.code}” đã giải thể ngày {_day(cell.dissolved_on)}."
            self.add(plan.row, BY_FIELD["cell_code"], message, plan)
            return
        if person is not None:
            if not self._may_take(person):
                # The same neutral answer as a member outside scope: nothing about who it is.
                message = "Trùng với hồ sơ ngoài phạm vi được nhập dữ liệu."
                self.add(plan.row, BY_FIELD["citizen_id"], message, plan)
                return
            plan.person = person
            plan.person_changes = self._diff(person, plan.person_fields)
        self._classified(plan, Outcome.NEW)

    def _may_take(self, person: Person) -> bool:
        """A person on record who is not a member (an admission candidate, a conclusion of
        the political standard) may become a member through this import only when every
        file kept on them lies in the importer's scope (docs/SECURITY.md, least privilege)."""
        paths = [case.org_path for case in person.admission_cases.all()]
        paths += [c.org_path for c in person.political_conclusions.all()]
        return bool(paths) and all(self.covers(path) for path in paths)

    def _compare_history(self, plan: RowPlan, member: Member) -> None:
        """Dates and cell come from the member's events; an import may only add recognition."""
        if plan.cell is not None and member.cell_id != plan.cell.pk:
            where = member.cell.code if member.cell else "khác"
            self.add(
                plan.row,
                BY_FIELD["cell_code"],
                f"Đảng viên đang sinh hoạt ở chi bộ mã “{where}”; chuyển sinh hoạt "
                "phải ghi trong hồ sơ đảng viên.",
                plan,
            )
        if plan.admitted_on and member.admitted_on and plan.admitted_on != member.admitted_on:
            self.add(
                plan.row,
                BY_FIELD["admitted_on"],
                f"Khác ngày vào Đảng trong hồ sơ ({_day(member.admitted_on)}); "
                "sửa trong hồ sơ đảng viên.",
                plan,
            )
        full = plan.full_on
        if not full or full == member.full_on:
            return
        column = BY_FIELD["full_on"]
        if member.full_on:
            message = (
                f"Khác ngày chính thức trong hồ sơ ({_day(member.full_on)}); "
                "sửa trong hồ sơ đảng viên."
            )
            self.add(plan.row, column, message, plan)
        elif member.status != MemberStatus.PROBATIONARY:
            self.add(plan.row, column, "Đảng viên không ở diện dự bị.", plan)
        else:
            starts = member.admitted_on or full
            if member.ceremony_on and member.ceremony_on >= starts:
                starts = member.ceremony_on
            ends = probation_end(starts)
            if full < ends:
                message = f"Chưa hết thời gian dự bị (đến ngày {_day(ends)})."
                self.add(plan.row, column, message, plan)
            else:
                plan.recognize_on = full

    @staticmethod
    def _diff(obj: Any, fields: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in fields.items() if getattr(obj, name) != value}
