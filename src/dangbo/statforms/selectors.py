"""Reads of the statistics forms: the evaluated form of a scope, and the collection of the
forms submitted from below (summed cell by cell beside the superior's own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from dangbo.core.scope import Action, scoped
from dangbo.members.models import Member
from dangbo.orgs.models import Organization
from dangbo.statforms import definitions
from dangbo.statforms.evaluate import Evaluation


def form_evaluate(
    number: str,
    scope: Organization,
    at: dt.date,
    period: tuple[dt.date, dt.date] | None = None,
) -> Evaluation:
    """Form `number` in the version for `at`, for `scope`; KeyError for an unknown form."""
    return Evaluation(definitions.pick(number, at), scope, at, period)


def cell_records(user: Any, evaluation: Evaluation, row: str, column: str) -> QuerySet[Any]:
    """The members or organizations behind one cell that `user` may see."""
    kind, ids = evaluation.cell_records(row, column)
    if kind == "org":
        return scoped(user, Action.VIEW, Organization.objects.filter(pk__in=ids)).order_by("path")
    members = Member.objects.filter(pk__in=ids).select_related("person", "cell")
    return scoped(user, Action.VIEW, members).order_by("person__search_name", "pk")


@dataclass
class CollectedCell:
    row_code: str
    column_code: str
    own: int | float | None
    summed: int | float | None

    @property
    def differs(self) -> bool:
        return self.own != self.summed


def collect(call: Any, own: Evaluation) -> tuple[list[list[CollectedCell]], list[str]]:
    """The superior's own cells beside the sum of its recipients' latest submissions.

    Counts add up; averages and percentages do not and are recomputed (percent of the sums)
    or left out (average age). Submissions made with another version of the definition are
    not added and are named in the second value."""
    from dangbo.submissions.selectors import latest_submissions

    definition = own.definition
    latest = latest_submissions(call)
    sums: dict[str, float] = {}
    other_versions = []
    for submission in latest.values():
        payload = submission.payload or {}
        if payload.get("valid_from") != definition.valid_from.isoformat():
            other_versions.append(submission.org.name)
            continue
        for key, value in (payload.get("cells") or {}).items():
            if isinstance(value, int | float):
                sums[key] = sums.get(key, 0) + value
    table = []
    for line in own.cells:
        row = line[0].row
        if row.heading:
            continue
        out = []
        by_code: dict[str, CollectedCell] = {}
        for cell in line:
            column = cell.column
            key = f"{row.code}|{column.code}"
            summed: int | float | None = None
            if cell.missing or row.measure != "count":
                summed = None
            elif column.percent_of:
                part, whole = (by_code[c].summed for c in column.percent_of)
                summed = round(part * 100 / whole, 2) if part is not None and whole else None
            elif column.share_of:
                summed = None
            else:
                summed = int(sums.get(key, 0))
            item = CollectedCell(row.code, column.code, cell.value, summed)
            by_code[column.code] = item
            out.append(item)
        table.append(out)
    return table, other_versions
