"""One generic evaluator for every form: cell = row filter AND column filter over the
records of the cell's subject, counted in Python over facts loaded once (statforms.facts).

Filter expressions (JSON):

    null or {}                                   everything
    {"all": [e, ...]}, {"any": [e, ...]}, {"not": e}
    {"field": F, "eq": v} | "ne" | "in": [..] | "not_in": [..] | "gte" | "lte" | "gt" | "lt"
    {"field": F, "between": [low, high]}         inclusive; dates as "YYYY-MM-DD"
    {"field": F, "set": true}                    has a value (false: has none)

Fields are those of FIELDS[subject]. A field the member record does not hold
(UNAVAILABLE) is allowed: its cells show "không có dữ liệu" instead of a count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from dangbo.members.rules import add_months
from dangbo.orgs.models import Organization
from dangbo.statforms import facts as load
from dangbo.statforms.definitions import CHECK_COLUMN, CHECK_ROWS, Column, FormDefinition, Row

Predicate = Callable[[dict[str, Any]], bool]

PERSON = {
    "gender", "birth_date", "age", "ethnicity", "ethnic_minority", "religion", "religious",
    "general_education", "professional_level", "political_theory", "occupation",
    "youth_union", "youth_union_on", "admitted_on", "party_age_from", "party_years",
    "enterprise_owner", "retired",
}  # fmt: skip
PLACE = {"org_kind", "sector", "base_kind", "base_sector"}
FIELDS: dict[str, set[str]] = {
    # Members in the list on the reference date / on the day before the period.
    "members": PERSON | PLACE | {"status", "probationary", "exempted"},
    "members_start": PERSON | PLACE | {"status", "probationary", "exempted"},
    # Members entering (gain) or leaving (loss) the scope in the period.
    "flows": PERSON
    | {"direction", "kind", "origin", "transfer", "status", "probationary", "readmitted", "date"},
    "orgs": PLACE | {"kind", "is_base", "admitted_in_period"},
    "member_ratings": PLACE | {"grade", "not_rated_reason", "exempted"},
    "org_ratings": PLACE | {"grade", "kind"},
    "badges": {"years", "badge_status", "date"},
    "cards": {"reason", "date"},
}
MEMBER_SUBJECTS = {"members", "members_start", "flows", "member_ratings", "badges", "cards"}
ORG_SUBJECTS = {"orgs", "org_ratings"}
SUBJECT_LABELS = {
    "members": "đảng viên",
    "members_start": "đảng viên",
    "flows": "đảng viên",
    "member_ratings": "đảng viên",
    "badges": "đảng viên",
    "cards": "đảng viên",
    "orgs": "tổ chức đảng",
    "org_ratings": "tổ chức đảng",
}
# What the forms ask and the records do not hold (no field on the member or organization).
UNAVAILABLE: dict[str, str] = {
    "foreign_marriage": "quan hệ hôn nhân với người nước ngoài",
    "family_planning_violation": "vi phạm chính sách dân số, kế hoạch hóa gia đình",
    "academic_title": "chức danh khoa học (giáo sư, phó giáo sư)",
    "literacy_only": "trình độ biết đọc, biết viết chữ quốc ngữ",
    "occupation_detail": "nghề nghiệp chi tiết của danh mục 2021 (cấp xã, thôn, nông nghiệp, "
    "lãnh đạo/nhân viên/công nhân doanh nghiệp, học sinh/sinh viên tách riêng)",
    "foreign_origin": "quốc tịch gốc nước ngoài",
    "state_capital_share": "tỷ lệ vốn Nhà nước của doanh nghiệp",
    "enterprise_form": "loại hình doanh nghiệp (cổ phần, tư nhân, TNHH, hợp danh, 100% vốn "
    "nước ngoài)",
    "commune_kind": "loại đơn vị hành chính (xã, phường, thị trấn)",
    "armed_forces_unit": "đơn vị quân đội, công an",
    "non_public_unit": "đơn vị sự nghiệp ngoài công lập",
    "cooperative": "hợp tác xã",
    "abroad": "tổ chức cơ sở đảng ở ngoài nước",
    "no_non_members": "đơn vị không còn quần chúng",
    "temporary_transfer": "giới thiệu sinh hoạt đảng tạm thời",
    "irregular_transfer": "chuyển sinh hoạt chưa đúng quy định, giả mạo",
    "commendation": "khen thưởng tổ chức đảng và đảng viên",
}
NO_DATA = "không có dữ liệu"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OPS = {"eq", "ne", "in", "not_in", "gte", "lte", "gt", "lt", "between", "set"}


class ExpressionError(ValueError):
    pass


def _value(raw: Any) -> Any:
    if isinstance(raw, str) and _DATE.match(raw):
        return dt.date.fromisoformat(raw)
    if isinstance(raw, list):
        return [_value(v) for v in raw]
    return raw


def compile_filter(expr: Any, subject: str) -> tuple[Predicate, set[str]]:
    """(predicate, the unavailable fields it reads); ExpressionError on an unknown field."""
    missing: set[str] = set()
    known = FIELDS.get(subject)
    if known is None:
        raise ExpressionError(f"đối tượng đếm không rõ: {subject!r}")

    def build(e: Any) -> Predicate:
        if e is None or e == {} or e is True:
            return lambda fact: True
        if not isinstance(e, dict):
            raise ExpressionError(f"biểu thức lọc không hợp lệ: {e!r}")
        if "all" in e:
            parts = [build(x) for x in e["all"]]
            return lambda fact: all(p(fact) for p in parts)
        if "any" in e:
            parts = [build(x) for x in e["any"]]
            return lambda fact: any(p(fact) for p in parts)
        if "not" in e:
            inner = build(e["not"])
            return lambda fact: not inner(fact)
        name = e.get("field")
        ops = set(e) - {"field"}
        if len(ops) != 1 or not ops <= _OPS:
            raise ExpressionError(f"biểu thức lọc không hợp lệ: {e!r}")
        if name in UNAVAILABLE:
            missing.add(name)
            return lambda fact: False
        if name not in known:
            raise ExpressionError(f"trường {name!r} không có ở đối tượng {subject!r}")
        op = ops.pop()
        target = _value(e[op])
        return _leaf(name, op, target)

    return build(expr), missing


def _leaf(name: str, op: str, target: Any) -> Predicate:
    def get(fact: dict[str, Any]) -> Any:
        return fact.get(name)

    if op == "eq":
        return lambda f: get(f) == target
    if op == "ne":
        return lambda f: get(f) != target
    if op == "in":
        allowed = set(target)
        return lambda f: get(f) in allowed
    if op == "not_in":
        refused = set(target)
        return lambda f: get(f) not in refused
    if op == "set":
        return lambda f: (get(f) not in (None, "")) == bool(target)
    if op == "between":
        low, high = target
        return lambda f: get(f) is not None and low <= get(f) <= high
    compare = {
        "gte": lambda a: a >= target,
        "lte": lambda a: a <= target,
        "gt": lambda a: a > target,
        "lt": lambda a: a < target,
    }[op]
    return lambda f: get(f) is not None and compare(get(f))


def cell_subject(definition: FormDefinition, row: Row, column: Column) -> str:
    return column.subject or row.subject or definition.subject


def _computed(column: Column) -> bool:
    return bool(column.percent_of or column.share_of)


def validate(definition: FormDefinition) -> list[str]:
    """Problems of a definition (unknown fields, subjects, column references), in Vietnamese."""
    problems: list[str] = []
    codes = [c.code for c in definition.columns]
    if len(set(codes)) != len(codes):
        problems.append("mã cột trùng nhau")
    keys = [r.code for r in definition.rows if not r.heading]
    if len(set(keys)) != len(keys):
        problems.append("mã dòng trùng nhau")
    for column in definition.columns:
        for ref in (*(column.percent_of or ()), *([column.share_of] if column.share_of else [])):
            if ref not in codes:
                problems.append(f"cột {column.code} tham chiếu cột không có: {ref}")
        if column.when not in ("this", "last_year"):
            problems.append(f"cột {column.code}: kỳ không rõ {column.when!r}")
    for row in definition.rows:
        if row.heading:
            continue
        if row.measure not in ("count", "avg_age"):
            problems.append(f"dòng {row.code}: phép tính không rõ {row.measure!r}")
        for column in definition.columns:
            if _computed(column):
                continue
            subject = cell_subject(definition, row, column)
            try:
                compile_filter(row.filter, subject)
                compile_filter(column.filter, subject)
            except ExpressionError as exc:
                problems.append(f"ô ({row.code}, {column.code}): {exc}")
    problems += _check_problems(definition)
    return problems


def _check_problems(definition: FormDefinition) -> list[str]:
    """The "checks" references must name a row and a counted column of the definition."""
    checks = definition.checks
    if not checks:
        return []
    problems = []
    rows = {r.code for r in definition.rows if not r.heading}
    counted = {c.code for c in definition.columns if not _computed(c)}
    for key, code in checks.items():
        if key == CHECK_COLUMN:
            if code not in counted:
                problems.append(f"checks: cột đối chiếu không có: {code}")
        elif key not in CHECK_ROWS:
            problems.append(f"checks: khóa không rõ {key!r}")
        elif code not in rows:
            problems.append(f"checks: {key} tham chiếu dòng không có: {code}")
    if CHECK_COLUMN not in checks:
        problems.append("checks: thiếu cột đối chiếu (column)")
    return problems


@dataclass
class Cell:
    row: Row
    column: Column
    value: int | float | None
    missing: tuple[str, ...] = ()  # unavailable fields: "không có dữ liệu"
    drillable: bool = False

    @property
    def available(self) -> bool:
        return not self.missing

    @property
    def missing_text(self) -> str:
        return "; ".join(UNAVAILABLE[m] for m in self.missing)


def shift_year(day: dt.date) -> dt.date:
    return add_months(day, -12)


class Evaluation:
    """A form evaluated for one scope and reference date (and its period)."""

    def __init__(
        self,
        definition: FormDefinition,
        scope: Organization,
        at: dt.date,
        period: tuple[dt.date, dt.date] | None = None,
    ) -> None:
        self.definition = definition
        self.scope = scope
        self.at = at
        self.period = period or (dt.date(at.year, 1, 1), at)
        self._facts: dict[tuple[str, str], list[dict[str, Any]]] = {}

    def dates(self, when: str) -> tuple[dt.date, tuple[dt.date, dt.date]]:
        if when == "last_year":
            start, end = self.period
            return shift_year(self.at), (shift_year(start), shift_year(end))
        return self.at, self.period

    def facts(self, subject: str, when: str = "this") -> list[dict[str, Any]]:
        key = (subject, when)
        if key not in self._facts:
            at, (start, end) = self.dates(when)
            if subject == "members":
                found = load.members_on(self.scope, at)
            elif subject == "members_start":
                found = load.members_on(self.scope, start - load.DAY)
            elif subject == "flows":
                found = load.flows(self.scope, start, end)
            elif subject == "orgs":
                admitted = {
                    fact["base_id"]
                    for fact in self._admission_places(when)
                    if fact.get("base_id") is not None
                }
                found = load.organizations(self.scope, at, admitted)
            elif subject == "member_ratings":
                found = load.member_ratings(self.scope, at)
            elif subject == "org_ratings":
                found = load.org_ratings(self.scope, at)
            elif subject == "badges":
                found = load.badges(self.scope, start, end)
            elif subject == "cards":
                found = load.cards(self.scope, start, end)
            else:  # pragma: no cover - validate() refuses other subjects
                raise KeyError(subject)
            self._facts[key] = found
        return self._facts[key]

    def _admission_places(self, when: str) -> list[dict[str, Any]]:
        """The base organization of each admission of the period (as the tree stood at
        the reference date)."""
        at, _ = self.dates(when)
        tree = load.Tree(self.scope, at)
        return [
            tree.attributes(f["org_id"])
            for f in self.facts("flows", when)
            if f["direction"] == "gain" and f["kind"] == "admitted"
        ]

    def matching(self, row: Row, column: Column) -> tuple[list[dict[str, Any]], set[str]]:
        subject = cell_subject(self.definition, row, column)
        row_test, row_missing = compile_filter(row.filter, subject)
        col_test, col_missing = compile_filter(column.filter, subject)
        missing = row_missing | col_missing
        if missing:
            return [], missing
        found = [f for f in self.facts(subject, column.when) if row_test(f) and col_test(f)]
        return found, missing

    @cached_property
    def cells(self) -> list[list[Cell]]:
        table: list[list[Cell]] = []
        share_base: dict[str, Cell] = {}
        for row in self.definition.rows:
            line: list[Cell] = []
            by_code: dict[str, Cell] = {}
            for column in self.definition.columns:
                if row.heading or _computed(column):
                    cell = Cell(row, column, None)
                else:
                    found, missing = self.matching(row, column)
                    if missing:
                        cell = Cell(row, column, None, tuple(sorted(missing)))
                    elif row.measure == "avg_age":
                        ages = [f["age"] for f in found if f.get("age") is not None]
                        value = round(sum(ages) / len(ages), 1) if ages else None
                        cell = Cell(row, column, value)
                    else:
                        cell = Cell(row, column, len(found), drillable=True)
                line.append(cell)
                by_code[column.code] = cell
            for cell in line:
                column = cell.column
                if row.heading:
                    continue
                if column.percent_of:
                    part, whole = (by_code[c] for c in column.percent_of)
                    cell.missing = part.missing or whole.missing
                    cell.value = _percent(part.value, whole.value)
                elif column.share_of:
                    part = by_code[column.share_of]
                    base = share_base.get(column.share_of)
                    cell.missing = part.missing
                    cell.value = _percent(part.value, base.value if base else None)
            if row.share_base:
                share_base = by_code
            table.append(line)
        return table

    def value(self, row_code: str, column_code: str) -> int | float | None:
        for line in self.cells:
            for cell in line:
                if cell.row.code == row_code and cell.column.code == column_code:
                    return cell.value
        raise KeyError((row_code, column_code))

    def cell_records(self, row_code: str, column_code: str) -> tuple[str, list[int]]:
        """("member"|"org", the ids behind a counted cell)."""
        row = next(r for r in self.definition.rows if r.code == row_code and not r.heading)
        column = next(c for c in self.definition.columns if c.code == column_code)
        if _computed(column):
            raise KeyError(column_code)
        found, _ = self.matching(row, column)
        subject = cell_subject(self.definition, row, column)
        if subject in ORG_SUBJECTS:
            return "org", sorted({f["org_id"] for f in found})
        return "member", sorted({f["member_id"] for f in found})

    def payload(self) -> dict[str, Any]:
        """The evaluated cells and the definition version: what a submission freezes."""
        return {
            "number": self.definition.number,
            "code": self.definition.code,
            "valid_from": self.definition.valid_from.isoformat(),
            "at": self.at.isoformat(),
            "period": [self.period[0].isoformat(), self.period[1].isoformat()],
            "scope": {"id": self.scope.pk, "code": self.scope.code, "name": self.scope.name},
            "cells": {
                f"{cell.row.code}|{cell.column.code}": cell.value
                for line in self.cells
                for cell in line
                if not cell.row.heading
            },
        }


def _percent(part: int | float | None, whole: int | float | None) -> float | None:
    if part is None or not whole:
        return None
    return round(part * 100 / whole, 2)
