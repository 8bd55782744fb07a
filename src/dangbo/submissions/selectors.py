"""Reads of calls and submissions: who submitted, on time or late, and the latest versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from dangbo.core.scope import Action, scoped
from dangbo.orgs.models import Organization
from dangbo.submissions.models import Call, CallRecipient, Submission

STATE_LABELS = {
    "on_time": "Nộp đúng hạn",
    "late": "Nộp muộn",
    "missing": "Chưa nộp",
    "overdue": "Chưa nộp, đã quá hạn",
}


@dataclass(frozen=True)
class RecipientStatus:
    org: Organization
    latest: Submission | None
    first_submitted: Any  # datetime of the first version, which decides on time or late
    state: str  # on_time | late | missing | overdue

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def latest_submissions(call: Call) -> dict[int, Submission]:
    """The latest version each organization submitted for `call`, by organization id."""
    latest: dict[int, Submission] = {}
    for sub in Submission.objects.filter(call=call).order_by("org_id", "-version"):
        latest.setdefault(sub.org_id, sub)
    return latest


def call_status(call: Call, *, today: Any = None) -> list[RecipientStatus]:
    """Every organization asked, with its latest submission and whether it came on time
    (the first version decides: a later correction does not make a report late)."""
    today = today or timezone.localdate()
    latest = latest_submissions(call)
    first: dict[int, Any] = {}
    for org_id, at in Submission.objects.filter(call=call, version=1).values_list(
        "org_id", "submitted_at"
    ):
        first[org_id] = at
    rows = []
    recipients = CallRecipient.objects.filter(call=call).select_related("org")
    for r in recipients.order_by("org__path"):
        sub = latest.get(r.org_id)
        if sub is None:
            state = "overdue" if today > call.deadline else "missing"
            rows.append(RecipientStatus(org=r.org, latest=None, first_submitted=None, state=state))
            continue
        at = first.get(r.org_id, sub.submitted_at)
        day = timezone.localdate(at) if timezone.is_aware(at) else at.date()
        state = "on_time" if day <= call.deadline else "late"
        rows.append(RecipientStatus(org=r.org, latest=sub, first_submitted=at, state=state))
    return rows


def status_counts(rows: list[RecipientStatus]) -> dict[str, int]:
    counts = dict.fromkeys(STATE_LABELS, 0)
    for row in rows:
        counts[row.state] += 1
    return counts


def calls_issued(user: Any) -> QuerySet[Call]:
    return scoped(user, Action.VIEW, Call.objects.select_related("issuer"))


def calls_received(user: Any) -> QuerySet[CallRecipient]:
    """The calls addressed to the organizations the user reaches."""
    return scoped(
        user, Action.VIEW, CallRecipient.objects.select_related("call", "call__issuer", "org")
    ).order_by("-call__deadline", "org__path")
