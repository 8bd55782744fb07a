"""Reads of reports: the reports in a user's scope, the issuing body of a report, and the
figures of the reports submitted from below added up by organization."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.core.scope import Action, scoped
from dangbo.orgs.models import CommitteeSeat, Organization, Position
from dangbo.reports.models import Report
from dangbo.reports.sections import ROLLUP_KEYS


def reports_visible(user: Any) -> QuerySet[Report]:
    return scoped(user, Action.VIEW, Report.objects.select_related("org"))


def versions_of(report: Report) -> list[Report]:
    """Every version of the same report (same organization, period and kind), newest first."""
    return list(
        Report.objects.filter(
            org=report.org, period_start=report.period_start, period_end=report.period_end,
            kind=report.kind, call=report.call,
        ).order_by("-version", "-pk")
    )  # fmt: skip


@dataclass(frozen=True)
class IssuerBlock:
    superior_line: str
    body_line: str
    abbreviation: str
    place: str
    signature_title: str


def issuer_block(org: Organization, on: dt.date) -> IssuerBlock:
    """The issuing-body block of the document header (programmes.selectors.issuer_of)."""
    from dangbo.programmes.selectors import issuer_of

    issuer = issuer_of(org, on)
    return IssuerBlock(
        superior_line=issuer.superior_line, body_line=issuer.body_line,
        abbreviation=issuer.abbreviation, place=issuer.place,
        signature_title=issuer.signature_title,
    )  # fmt: skip


def secretary_name(org: Organization, on: dt.date) -> str:
    """The secretary of the organization's committee on `on`, from its committee seats."""
    seat = (
        CommitteeSeat.objects.filter(term__org=org, position=Position.SECRETARY, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("member__person")
        .order_by("-starts_on")
        .first()
    )
    return seat.member.person.full_name if seat else ""


def call_rollup(call: Any) -> dict[str, Any]:
    """The figures of the latest reports submitted for `call`, one row per organization in
    the order of the tree, the total row, the organizations that have not submitted, and the
    highest secrecy among the reports included.
    Each figure is the one the organization froze when it submitted: none is typed twice."""
    from dangbo.reports.services import highest_secrecy
    from dangbo.submissions.selectors import call_status

    rows: list[list[Any]] = []
    missing: list[str] = []
    secrecy = ""
    statuses = call_status(call)
    for status in statuses:
        if status.latest is None:
            missing.append(status.org.name)
            continue
        payload = status.latest.payload or {}
        secrecy = highest_secrecy(secrecy, str(payload.get("secrecy") or ""))
        figures = payload.get("figures", {})
        values = [(figures.get(key) or {}).get("value") for key, _label in ROLLUP_KEYS]
        rows.append([status.org.name, *values])
    total = [
        sum(r[i + 1] for r in rows if isinstance(r[i + 1], int | float))
        for i in range(len(ROLLUP_KEYS))
    ]
    return {
        "columns": [label for _key, label in ROLLUP_KEYS], "rows": rows, "total": total,
        "missing": missing, "asked": len(statuses), "secrecy": secrecy,
    }  # fmt: skip


def members_in(org: Organization) -> int:
    """The members of the scope today, from the indicator registry (cached)."""
    from django.utils import timezone

    from dangbo.indicators import registry
    from dangbo.indicators.registry import Context

    value = registry.value("members.total", Context(scope=org, at=timezone.localdate()))
    return int(value) if isinstance(value, int | float) else 0
