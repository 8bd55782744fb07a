"""The statistics form pages in the scope walk: a call for form 1 from each side's base
organization's parent, with a submission; B's titles carry the marker. The form pages take
the organization in the query string and are walked with B's organization there."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.submissions.models import Call, Submission
from dangbo.submissions.services import call_create, submit

SEGMENT_KINDS = {"thu-thap": "statform_call", "ban-nop": "statform_submission"}
NEUTRAL_PARAMS = {"number": ["1", "3"]}


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    from dangbo.statforms.definitions import pick
    from dangbo.statforms.evaluate import Evaluation

    at = dt.date(2021, 12, 31)
    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        base = parts.orgs[f"{side.lower()}_base"]
        text = parts.MARK if side == "B" else "Alpha"
        cell = parts.orgs[f"{side.lower()}_cell"]
        call = call_create(
            issuer=base, kind="statform", subject="1", title=f"Biểu số 1-BTCTW {text}",
            period_start=dt.date(2021, 1, 1), period_end=at, deadline=dt.date(2022, 1, 20),
            recipients=[cell],
        )  # fmt: skip
        payload = Evaluation(pick("1", at), cell, at).payload()
        sub = submit(call=call, org=cell, payload=payload, title=f"Biểu số 1 {text}")
        ids[side] = {"statform_call": [call.pk], "statform_submission": [sub.pk]}
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [
        *Call.objects.filter(issuer__path__startswith=path).order_by("pk").values_list(),
        *Submission.objects.filter(org__path__startswith=path).order_by("pk").values_list("pk"),
    ]
