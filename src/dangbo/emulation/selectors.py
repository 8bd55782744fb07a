"""Reads of commendations, proposals and models: the scoped lists, and the rows of a
scope for the figures (by the tree as it stood)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from dangbo.accounts.selectors import record_history as history  # noqa: F401  (views use selectors.history)
from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.emulation.models import (
    Commendation,
    CommendationProposal,
    CommendationRecipient,
    DanVanModel,
    ModelStatus,
)
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope, subtree_versions_at


def _search(qs: QuerySet[Any], query: str, column: str = "search_text") -> QuerySet[Any]:
    for word in fold(query).split():
        qs = qs.filter(**{f"{column}__contains": word})
    return qs


def _under(qs: QuerySet[Any], org: Organization | None, lookup: str) -> QuerySet[Any]:
    return qs.filter(**{f"{lookup}__startswith": org.path}) if org is not None else qs


def commendation_list(
    user: Any, *, action: Action = Action.VIEW, query: str = "", org: Organization | None = None,
    year: int | None = None, level: str = "", theme: str = "", kind: str = "",
) -> QuerySet[Commendation]:  # fmt: skip
    qs = scoped(user, action, Commendation.objects.select_related("org"))
    qs = _search(_under(qs, org, "org__path"), query)
    if year:
        qs = qs.filter(decided_on__year=year)
    if level:
        qs = qs.filter(level=level)
    if theme:
        qs = qs.filter(theme=theme)
    if kind:
        qs = qs.filter(recipients__kind=kind).distinct()
    return qs.annotate(
        n_collectives=Count("recipients", filter=Q(recipients__kind="collective")),
        n_individuals=Count("recipients", filter=Q(recipients__kind="individual")),
    ).order_by("-decided_on", "-pk")


def proposal_list(
    user: Any, *, action: Action = Action.VIEW, query: str = "", org: Organization | None = None,
    year: int | None = None, outcome: str = "",
) -> QuerySet[CommendationProposal]:  # fmt: skip
    qs = scoped(user, action, CommendationProposal.objects.select_related("org", "commendation"))
    qs = _search(_under(qs, org, "org__path"), query)
    if year:
        qs = qs.filter(submitted_on__year=year)
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs.order_by("-submitted_on", "-pk")


def model_list(
    user: Any, *, action: Action = Action.VIEW, query: str = "", unit: Organization | None = None,
    year: int | None = None, field: str = "", status: str = "",
) -> QuerySet[DanVanModel]:  # fmt: skip
    qs = scoped(user, action, DanVanModel.objects.select_related("unit"))
    qs = _search(_under(qs, unit, "unit__path"), query)
    if year:
        qs = qs.filter(registered_year=year)
    if field:
        qs = qs.filter(field=field)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-registered_year", "unit__path", "pk")


# --- Figures --------------------------------------------------------------------------------


def recipients_in_scope(
    scope: Organization, start: dt.date, end: dt.date
) -> QuerySet[CommendationRecipient]:
    """Recipients of decisions dated in [start, end] whose organization was under `scope`
    on the decision's day."""
    return dated_in_scope(
        CommendationRecipient.objects.all(), scope, start, end,
        org_field="commendation__org_id", date_field="commendation__decided_on",
    )  # fmt: skip


def proposals_in_scope(
    scope: Organization, start: dt.date, end: dt.date, *, date_field: str = "submitted_on"
) -> QuerySet[CommendationProposal]:
    return dated_in_scope(
        CommendationProposal.objects.all(), scope, start, end,
        org_field="org_id", date_field=date_field,
    )  # fmt: skip


def models_at(scope: Organization, at: dt.date) -> QuerySet[DanVanModel]:
    """Models registered by `at` (by its year) and not stopped on it, of units under
    `scope` as the tree stood on `at`."""
    units = subtree_versions_at(scope, at).values("org_id")
    return DanVanModel.objects.filter(unit_id__in=units, registered_year__lte=at.year).filter(
        Q(stopped_on__isnull=True) | Q(stopped_on__gt=at)
    )


def recognized_at(scope: Organization, at: dt.date) -> QuerySet[DanVanModel]:
    return models_at(scope, at).filter(recognized_on__isnull=False, recognized_on__lte=at)


def stopped(qs: QuerySet[DanVanModel]) -> QuerySet[DanVanModel]:
    return qs.filter(status=ModelStatus.STOPPED)
