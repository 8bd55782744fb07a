"""Reads of mass organizations: the scoped lists, a detail's tables and chart, and the
rows of a scope for the figures (by the tree as it stood)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear

from dangbo.accounts.selectors import record_history as history  # noqa: F401  (views use selectors.history)
from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.massorgs.models import MassOrgActivity, MassOrganization, MassOrgMembership
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope, subtree_versions_at


def _search(qs: QuerySet[Any], query: str) -> QuerySet[Any]:
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def massorg_list(
    user: Any, *, action: Action = Action.VIEW, query: str = "", org: Organization | None = None,
    kind: str = "",
) -> QuerySet[MassOrganization]:  # fmt: skip
    qs = scoped(user, action, MassOrganization.objects.select_related("party_org"))
    if org is not None:
        qs = qs.filter(party_org__path__startswith=org.path)
    if kind:
        qs = qs.filter(kind=kind)
    latest = MassOrgMembership.objects.filter(massorg=OuterRef("pk")).order_by("-as_of")
    return (
        _search(qs, query)
        .annotate(
            latest_members=Subquery(latest.values("members")[:1]),
            latest_as_of=Subquery(latest.values("as_of")[:1]),
        )
        .order_by("party_org__path", "kind", "pk")
    )


def activity_list(
    user: Any, *, action: Action = Action.VIEW, query: str = "", org: Organization | None = None,
    kind: str = "", activity_kind: str = "", purpose: str = "", year: int | None = None,
    massorg: MassOrganization | None = None,
) -> QuerySet[MassOrgActivity]:  # fmt: skip
    qs = scoped(user, action, MassOrgActivity.objects.select_related("massorg__party_org"))
    if org is not None:
        qs = qs.filter(massorg__party_org__path__startswith=org.path)
    if massorg is not None:
        qs = qs.filter(massorg=massorg)
    if kind:
        qs = qs.filter(massorg__kind=kind)
    if activity_kind:
        qs = qs.filter(kind=activity_kind)
    if purpose:
        qs = qs.filter(purpose=purpose)
    if year:
        qs = qs.filter(date__year=year)
    return _search(qs, query).order_by("-date", "-pk")


def money_by_purpose(activities: QuerySet[MassOrgActivity]) -> list[tuple[str, int]]:
    from dangbo.massorgs.models import Purpose

    sums = dict(
        activities.filter(amount_vnd__gt=0)
        .values_list("purpose")
        .annotate(total=Sum("amount_vnd"))
        .values_list("purpose", "total")
    )
    return [(str(label), int(sums[k])) for k, label in Purpose.choices if sums.get(k)]


def money_by_year(activities: QuerySet[MassOrgActivity]) -> list[tuple[int, int]]:
    rows = (
        activities.annotate(y=ExtractYear("date"))
        .values_list("y")
        .annotate(total=Sum("amount_vnd"))
        .values_list("y", "total")
        .order_by("y")
    )
    return [(int(y), int(t or 0)) for y, t in rows]


# --- Figures --------------------------------------------------------------------------------


def activities_in_scope(
    scope: Organization, start: dt.date, end: dt.date
) -> QuerySet[MassOrgActivity]:
    """Activities dated in [start, end] of mass organizations whose Party organization was
    under `scope` on the activity's day."""
    return dated_in_scope(
        MassOrgActivity.objects.all(), scope, start, end,
        org_field="massorg__party_org_id", date_field="date",
    )  # fmt: skip


def members_on(scope: Organization, at: dt.date) -> tuple[int, QuerySet[MassOrgMembership]]:
    """The latest count on or before `at` of each mass organization under `scope` (as the
    tree stood on `at`), summed."""
    parties = subtree_versions_at(scope, at).values("org_id")
    latest = (
        MassOrgMembership.objects.filter(massorg=OuterRef("massorg"), as_of__lte=at)
        .order_by("-as_of")
        .values("pk")[:1]
    )
    rows = MassOrgMembership.objects.filter(
        massorg__party_org_id__in=parties, as_of__lte=at, pk=Subquery(latest)
    )
    return int(rows.aggregate(n=Sum("members"))["n"] or 0), rows
