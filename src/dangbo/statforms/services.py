"""Writes of the statistics forms: asking the organizations below for a form, and
submitting one's own form (the evaluated cells, frozen with the definition version).
Both go through dangbo.submissions.services, which audit every write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.orgs.models import Organization
from dangbo.statforms import definitions
from dangbo.statforms.evaluate import Evaluation


def statform_call_create(
    *,
    issuer: Organization,
    number: str,
    period_start: dt.date,
    period_end: dt.date,
    deadline: dt.date,
    recipients: list[Organization] | None = None,
    user: Any = None,
) -> Any:
    """Ask the organizations directly below `issuer` (or `recipients`) for form `number`."""
    from dangbo.submissions.services import call_create

    definition = definitions.pick(number, period_end)
    title = (
        f"Biểu số {definition.code} {definition.title.lower()} có đến ngày {period_end:%d/%m/%Y}"
    )
    return call_create(
        issuer=issuer, kind="statform", subject=definition.number, title=title,
        period_start=period_start, period_end=period_end, deadline=deadline, at=period_end,
        recipients=recipients, user=user,
    )  # fmt: skip


def statform_submit(*, call: Any, org: Organization, user: Any = None, when: Any = None) -> Any:
    """Submit `org`'s form for `call`: evaluated now from the records, frozen."""
    from dangbo.submissions.services import submit

    definition = definitions.pick(call.subject, call.at)
    evaluation = Evaluation(definition, org, call.at, (call.period_start, call.period_end))
    return submit(call=call, org=org, payload=evaluation.payload(), user=user, when=when)
