"""Demo records of the statistics forms: the bloc's call for Biểu số 1-BTCTW of the year
2021 (deadline 20/01/2022), answered by most of its base organizations between 5 and 25
January 2022; the others have not submitted, so the collection page has someone to chase.
Each submission is the organization's form evaluated from the records, as the page does."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dangbo.orgs.selectors import resolve_code
from dangbo.statforms.services import statform_call_create, statform_submit

PERIOD = (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
DEADLINE = dt.date(2022, 1, 20)
SUBMITTED_SHARE = 0.9


def build_statforms(rng: random.Random, today: dt.date) -> int:
    """The 2021 call and its submissions; returns the number of submissions."""
    if today < DEADLINE:
        return 0
    bloc = resolve_code("DBK", PERIOD[1])
    if bloc is None:
        return 0
    call = statform_call_create(
        issuer=bloc, number="1", period_start=PERIOD[0], period_end=PERIOD[1],
        deadline=DEADLINE,
    )  # fmt: skip
    recipients = [r.org for r in call.recipients.select_related("org").order_by("org__path")]
    chosen = [org for org in recipients if rng.random() < SUBMITTED_SHARE]
    for org in chosen:
        day = dt.date(2022, 1, 5) + dt.timedelta(days=rng.randint(0, 20))
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + rng.randint(0, 7))))
        statform_submit(call=call, org=org, when=when)
    return len(chosen)
