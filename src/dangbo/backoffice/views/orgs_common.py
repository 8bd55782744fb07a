"""Helpers shared by the home, organization, indicator and audit pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from dangbo.core.scope import Action, scope_of, scoped
from dangbo.core.text import parse_date
from dangbo.indicators import links, registry
from dangbo.orgs.models import Organization

# The headline figures of a scope, in the order the office reads them.
HEADLINE_KEYS = [
    "members.total",
    "members.probationary",
    "members.full",
    "members.exempted",
    "orgs.base",
    "orgs.base_committees",
    "orgs.base_cells",
    "orgs.sub_cells",
    "admission.admitted",
    "probation.overdue",
]

PAGE_SIZE = 50


def today() -> dt.date:
    return timezone.localdate()


def date_param(request: HttpRequest, name: str = "at") -> tuple[dt.date, str]:
    """The date in GET[name] (dd/mm/yyyy), today if absent; an error text if unreadable."""
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return today(), ""
    try:
        return parse_date(raw), ""
    except ValueError as exc:
        return today(), str(exc)


def scope_roots(user: Any, action: Action = Action.VIEW) -> list[Organization]:
    """The top organizations the user reaches: their grants, or the tree's roots."""
    scope = scope_of(user)
    if scope.is_superuser:
        return list(Organization.objects.get_root_nodes().order_by("path"))
    paths = set(scope.root_paths(action))
    if action == Action.VIEW:
        paths |= set(scope.self_cell_paths)
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    if not kept:
        return []
    orgs = Organization.objects.filter(path__in=kept).order_by("path")
    return list(scoped(user, action, orgs))


def records_url(key: str, org: Organization, at: dt.date) -> str:
    return links.records_url(key, registry.Context(scope=org, at=at))


def figures(org: Organization, at: dt.date, keys: list[str]) -> list[dict[str, Any]]:
    """The indicators `keys` of `org` as of `at` (cached values), each with the link to its
    records."""
    context = registry.Context(scope=org, at=at)
    out = []
    for key in keys:
        ind = registry.get(key)
        out.append(
            {
                "key": key,
                "label": ind.label,
                "unit": ind.unit,
                "value": ind.value(context),
                "url": records_url(key, org, at),
            }
        )
    return out


def paginate(request: HttpRequest, queryset: QuerySet[Any], size: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current GET parameters minus `page`, for pager links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def can_split(user: Any, org: Organization) -> bool:
    """Splitting founds organizations beside `org`: it takes managing its parent."""
    if org.depth <= 1 or org.is_cell:
        return False
    parent_path = org.path[: -org.steplen]
    return scope_of(user).covers_path(Action.MANAGE_ORGS, parent_path)
