"""Calls for reports from below in the scope walk: a call of each side to its cells, and the
bloc's call to both sides (each side's users see only their own row of it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.submissions.models import Call, Submission
from dangbo.submissions.services import call_create, submit

SEGMENT_KINDS = {"bao-cao-cap-duoi": "submission_call"}

START, END, DEADLINE = dt.date(2021, 1, 1), dt.date(2021, 6, 30), dt.date(2021, 7, 5)


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        text = parts.MARK if side == "B" else "Alpha"
        base = parts.orgs[f"{side.lower()}_base"]
        call = call_create(
            issuer=base, kind="report", subject="dinh-ky", title=f"Báo cáo {text}",
            period_start=START, period_end=END, deadline=DEADLINE, note=f"Ghi chú {text}",
        )  # fmt: skip
        submit(call=call, org=parts.orgs[f"{side.lower()}_cell"], payload={"text": text},
               title=f"Bản nộp {text}")  # fmt: skip
        ids[side] = {"submission_call": [call.pk]}
    # The bloc asks both base committees: a call neither side's roles issued.
    shared = call_create(
        issuer=parts.orgs["bloc"], kind="report", subject="dinh-ky", title="Báo cáo năm",
        period_start=START, period_end=END, deadline=DEADLINE,
        recipients=[parts.orgs["a_base"], parts.orgs["b_base"]],
    )  # fmt: skip
    submit(call=shared, org=parts.orgs["b_base"], payload={"text": parts.MARK})
    ids["A"]["submission_call"].append(shared.pk)
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        list(Call.objects.filter(issuer__path__startswith=path).order_by("pk").values_list()),
        list(Submission.objects.filter(org__path__startswith=path).order_by("pk").values_list()),
    ]
