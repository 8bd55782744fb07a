"""The report pages in the scope walk: a report, a call, a submission and a report job on both
sides; B's titles and paragraphs carry the marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.accounts.models import Role
from dangbo.jobs.models import Job
from dangbo.reports.models import Report
from dangbo.reports.services import report_create, report_edit, report_submit

SEGMENT_KINDS = {"bao-cao": "report", "da-nop": "report_submission", "tien-do": "report_job"}
KIND_ALIASES = {"report_call": ("report_call",)}
NEUTRAL_PARAMS: dict[str, list[Any]] = {"para": ["next.text"], "fmt": ["txt", "pdf"]}

START, END = dt.date(2021, 1, 1), dt.date(2021, 6, 30)


def build(parts: Any) -> dict[str, dict[str, list[int]]]:
    from dangbo.submissions.services import call_create

    ids: dict[str, dict[str, list[int]]] = {}
    for side in ("A", "B"):
        text = parts.MARK if side == "B" else "Alpha"
        base, cell = parts.orgs[f"{side.lower()}_base"], parts.orgs[f"{side.lower()}_cell"]
        report = report_create(
            org=base, period_start=START, period_end=END, title=f"Báo cáo {text}",
            template="base",
        )  # fmt: skip
        report_edit(report=report, key="next.text", text=f"Nhiệm vụ {text}")
        call = call_create(
            issuer=base, kind="report", subject="base", title=f"Yêu cầu {text}",
            period_start=START, period_end=END, deadline=dt.date(2021, 7, 15), recipients=[cell],
        )  # fmt: skip
        below = report_create(
            org=cell, period_start=START, period_end=END, title=f"Báo cáo chi bộ {text}",
            template="base", call=call,
        )  # fmt: skip
        report_edit(report=below, key="next.text", text=f"Chi bộ {text}")
        submission = report_submit(report=below)
        owner = parts.users["b_user"] if side == "B" else parts.users[Role.BASE_SECRETARY]
        job = Job.objects.create(
            kind="report", title=f"Lập báo cáo {text}", user=owner, message=text,
            result={"report_id": report.pk},
        )  # fmt: skip
        ids[side] = {
            "report": [report.pk, below.pk], "report_call": [call.pk],
            "report_submission": [submission.pk], "report_job": [job.pk],
        }  # fmt: skip
    return ids


def snapshot(parts: Any) -> list[Any]:
    path = parts.orgs["b_base"].path
    return [list(Report.objects.filter(org__path__startswith=path).order_by("pk").values_list())]
