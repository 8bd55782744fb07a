"""The discipline pages in the scope walk: cases on both sides; B's carry the marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.discipline.models import BodyKind, DisciplineCase, Form, SubjectKind
from dangbo.discipline.services import case_create, external_record, period_on

SEGMENT_KINDS = {"ho-so": "discipline_case"}


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    mark = parts.MARK
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        low = side.lower()
        text = mark if side == "B" else "Alpha"
        members = parts.a_members if side == "A" else parts.b_members
        cell = parts.orgs[f"{low}_cell"]
        member = next(m for m in members if m.cell_id == cell.pk)
        common = {
            "violation_on": dt.date(2020, 1, 10), "found_on": dt.date(2020, 3, 1),
            "decision_date": dt.date(2020, 6, 1),
        }  # fmt: skip
        # The cell the member was in on the decision date decides.
        then = period_on(member, common["decision_date"])
        reprimand = case_create(
            subject_kind=SubjectKind.MEMBER, member=member, body_org=then.org if then else cell,
            body_kind=BodyKind.CELL, form=Form.REPRIMAND, decision_number=f"01-QĐ/{text}",
            violation=f"Vi phạm quy chế {text}", **common,
        )  # fmt: skip
        org_case = case_create(
            subject_kind=SubjectKind.ORGANIZATION, organization=parts.orgs[f"{low}_cell2"],
            body_org=parts.orgs[f"{low}_base"], body_kind=BodyKind.EXECUTIVE,
            form=Form.WARNING, decision_number=f"02-QĐ/{text}",
            violation=f"Buông lỏng lãnh đạo {text}", **common,
        )  # fmt: skip
        info = external_record(
            member=member, external_body=f"Sở {text}", external_form="Khiển trách",
            violation=f"Chậm báo cáo {text}", decision_number=f"3/QĐ-{text}",
            decision_date=dt.date(2020, 7, 1), notified_on=dt.date(2020, 7, 3),
        )  # fmt: skip
        ids[side] = {"discipline_case": [reprimand.pk, org_case.pk, info.pk]}
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return list(
        DisciplineCase.objects.filter(subject_path__startswith=path).order_by("pk").values_list()
    )
