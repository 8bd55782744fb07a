"""Demo reports: the bloc's nine-month report of 2021, frozen and filed as a document, and the
call for the 2021 year report to the base organizations, most of which submitted (some late,
a few not at all). Each base report is generated from that organization's own records."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dangbo.orgs.models import Organization
from dangbo.reports import services


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8 + rng.randrange(9), 15)))


def build_reports(rng: random.Random, today: dt.date) -> None:
    from dangbo.submissions.services import call_create

    bloc = Organization.objects.get(code="DBK")
    nine = services.report_create(
        org=bloc, period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 9, 30),
        dated=dt.date(2021, 10, 5),
    )  # fmt: skip
    nine = services.report_freeze(report=nine)
    services.report_file(report=nine, issued_on=dt.date(2021, 10, 5))
    if today < dt.date(2022, 1, 1):
        return
    # call_create checks the tree as it stood at the period's end, so the 2021 call goes to
    # the bloc's base organizations of 2021 even after the 2025 reorganization.
    call = call_create(
        issuer=bloc, kind="report", subject="base", title="Báo cáo tổng kết công tác năm 2021",
        period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31),
        deadline=dt.date(2022, 1, 10), at=dt.date(2021, 12, 31),
    )  # fmt: skip
    for recipient in call.recipients.select_related("org").order_by("org__path"):
        draw = rng.random()
        if draw < 0.08:
            continue  # not submitted
        report = services.report_create(
            org=recipient.org, period_start=call.period_start, period_end=call.period_end,
            template="base", title=call.title, call=call, dated=dt.date(2022, 1, 5),
        )  # fmt: skip
        late = draw > 0.85
        day = (
            call.deadline + dt.timedelta(days=1 + rng.randrange(10))
            if late
            else (call.deadline - dt.timedelta(days=rng.randrange(8)))
        )
        services.report_submit(report=report, when=_moment(day, rng))
