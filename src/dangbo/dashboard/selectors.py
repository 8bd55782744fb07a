"""What the dashboard shows for one organization and one period: the figures strip, every
target with its progress, and the charts. Every number is an indicator value read through
the registry's cache (each computed once per data version); every number links to the
records behind it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404

from dangbo.core.scope import Action, get_scoped_or_404, scoped
from dangbo.core.text import format_date, format_number
from dangbo.dashboard.charts import (
    Chart,
    admissions_chart,
    funds_chart,
    inspections_chart,
    membership_chart,
    ratings_chart,
)
from dangbo.dashboard.periods import Period
from dangbo.dashboard.values import Contexts, display
from dangbo.indicators import registry
from dangbo.indicators.links import records_url
from dangbo.indicators.registry import Context, IndicatorValue
from dangbo.orgs.models import Organization
from dangbo.programmes.selectors import targets_for
from dangbo.programmes.targets import TargetProgress, evaluate

# The figures strip, in the order the office reads them.
FIGURE_KEYS = [
    "members.total",
    "orgs.base",
    "admission.admitted",
    "discipline.total",
    "inspection.done_rate",
    "meetings.held_rate",
    "commendation.total",
    "dues.collection_rate",
    "massorg.funds",
]
# Target statuses that carry a warning.
WARNING_STATUSES = {"at_risk", "missed"}


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    value: IndicatorValue
    text: str
    url: str


def figure(key: str, context: Context) -> Figure | None:
    """Indicator `key` in `context` (cached) with the link to its records; None if no app
    registers it."""
    try:
        ind = registry.get(key)
    except KeyError:
        return None
    value = ind.value(context)
    return Figure(
        key=key,
        label=ind.label,
        unit=ind.unit,
        value=value,
        text=display(value, ind.unit),
        url=records_url(key, context),
    )


def figures_strip(contexts: Contexts, period: Period) -> list[Figure]:
    context = contexts.make(period.at, period.so_far)
    return [f for f in (figure(key, context) for key in FIGURE_KEYS) if f is not None]


# Targets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    """A target's progress (programmes.targets.TargetProgress) as the dashboard shows it."""

    progress: TargetProgress
    org_name: str
    period_text: str
    value_text: str
    projection_text: str
    warning: str  # "" when the target is reached or on track

    @property
    def status(self) -> str:
        return str(self.progress.status)


def _number(value: float | Decimal | None, decimals: int = 2) -> str:
    if value is None:
        return "–"
    if value == int(value):
        return format_number(int(value))
    return format_number(value, decimals)


def target_row(progress: TargetProgress, org: Organization) -> TargetRow:
    target = progress.target
    period_text = f"{format_date(target.period_start)} – {format_date(target.period_end)}"
    warning = ""
    if progress.status == "missed":
        warning = f"Không đạt chỉ tiêu: {progress.text}."
    elif progress.status == "at_risk":
        if progress.projection is not None:
            warning = (
                f"Theo tiến độ hiện nay, đến {format_date(target.period_end)} chỉ đạt khoảng "
                f"{_number(round(progress.projection))}/{_number(target.value)}: "
                "có nguy cơ không đạt chỉ tiêu."
            )
        else:
            warning = "Có nguy cơ không đạt chỉ tiêu."
    return TargetRow(
        progress=progress,
        org_name="" if target.org_id == org.pk else target.org.name,
        period_text=period_text,
        value_text=_number(target.value) + ("%" if progress.unit == "%" else ""),
        projection_text=_number(progress.projection, 1),
        warning=warning,
    )


def target_rows(
    org: Organization, period: Period, user: Any = None, *, below: bool = False
) -> list[TargetRow]:
    """Every target of `org` (with `below`, of its subtree too) whose period overlaps
    `period`, evaluated as of `period.at`."""

    targets = targets_for(org, period=(period.start, period.end), user=user, below=below)
    return [target_row(evaluate(t, at=period.at), org) for t in targets]


# Charts ----------------------------------------------------------------------------------


@dataclass
class Dashboard:
    org: Organization
    period: Period
    figures: list[Figure]
    targets: list[TargetRow]
    charts: list[Chart]

    @property
    def warnings(self) -> list[TargetRow]:
        return [r for r in self.targets if r.warning]


def dashboard_for(
    org: Organization, period: Period, *, user: Any = None, below: bool = False
) -> Dashboard:
    """The whole dashboard of `org` in `period`; `user` limits the targets to their scope,
    `below` adds the targets of the organizations under `org`."""
    contexts = Contexts(org)
    rows = target_rows(org, period, user, below=below)
    charts = [
        membership_chart(contexts, period),
        admissions_chart(contexts, period, rows),
        ratings_chart(contexts, period),
        inspections_chart(contexts, period),
        funds_chart(contexts, period),
    ]
    return Dashboard(
        org=org,
        period=period,
        figures=figures_strip(contexts, period),
        targets=rows,
        charts=[c for c in charts if c is not None],
    )


# The organization picker ------------------------------------------------------------------

# How many organizations the picker lists (as the indicator page); any other is reached by
# its link (?org=<pk>).
PICKER_LIMIT = 300


def chosen_org(user: Any, raw: str) -> Organization | None:
    """The organization asked for (404 alike when missing or out of scope), or the user's
    first top organization."""
    from dangbo.backoffice.views.orgs_common import scope_roots

    raw = raw.strip()
    if raw:
        if not raw.isdecimal():
            raise Http404
        return get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=int(raw))
    roots = scope_roots(user)
    return roots[0] if roots else None


def org_choices(user: Any, chosen: Organization) -> list[tuple[int, str]]:
    """(pk, name indented by depth) of the organizations in the user's scope, the chosen
    one always among them. Dissolved ones are offered too, marked: their past periods
    keep their figures."""
    orgs = scoped(user, Action.VIEW, Organization.objects.all())
    listed = list(orgs.order_by("path")[:PICKER_LIMIT])
    if chosen.pk not in {o.pk for o in listed}:
        listed.insert(0, chosen)
    top = min(o.depth for o in listed)
    return [(o.pk, "\u2003" * (o.depth - top) + _org_label(o)) for o in listed]


def _org_label(org: Organization) -> str:
    if org.dissolved_on is None:
        return org.name
    return f"{org.name} (giải thể {format_date(org.dissolved_on)})"
