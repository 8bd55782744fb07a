"""Organization pages: the tree (expanded lazily with htmx), search and the
organization page with its committee, units, figures and history."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dangbo.backoffice.views.orgs_common import (
    HEADLINE_KEYS,
    can_split,
    date_param,
    figures,
    scope_roots,
)
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.text import fold
from dangbo.orgs.models import (
    CommitteeSeat,
    Organization,
    OrgEvent,
    OrgEventKind,
    OrgVersion,
    Position,
    Term,
)
from dangbo.orgs.selectors import current_member_counts, org_search

POSITION_ORDER = {value: index for index, value in enumerate(Position.values)}


def _show_dissolved(request: HttpRequest) -> bool:
    return request.GET.get("giai_the") == "1"


def tree_nodes(orgs: list[Organization], *, show_dissolved: bool) -> list[dict[str, Any]]:
    """Nodes for the tree: active first, by name; current member counts in one query."""
    if not show_dissolved:
        orgs = [o for o in orgs if o.dissolved_on is None]
    orgs = sorted(orgs, key=lambda o: (o.dissolved_on is not None, fold(o.name)))
    counts = current_member_counts(orgs)
    return [{"org": o, "count": counts.get(o.pk, 0), "has_children": o.numchild > 0} for o in orgs]


@login_required
def org_tree(request: HttpRequest) -> HttpResponse:
    user = request.user
    show_dissolved = _show_dissolved(request)
    query = request.GET.get("q", "").strip()
    context: dict[str, Any] = {
        "query": query,
        "show_dissolved": show_dissolved,
        "nodes": tree_nodes(scope_roots(user), show_dissolved=show_dissolved),
        "results": None,
    }
    if query:
        found = org_search(user, query, include_dissolved=show_dissolved, limit=51)
        context["results"] = found[:50]
        context["results_truncated"] = len(found) > 50
    return render(request, "backoffice/orgs/tree.html", context)


@login_required
def org_children(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    org = get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=pk)
    children = list(scoped(user, Action.VIEW, Organization.objects.get_children(org)))
    show_dissolved = _show_dissolved(request)
    context = {
        "nodes": tree_nodes(children, show_dissolved=show_dissolved),
        "show_dissolved": show_dissolved,
    }
    return render(request, "backoffice/orgs/_nodes.html", context)


def _committee(user: Any, org: Organization, at: Any) -> dict[str, Any]:
    terms = list(scoped(user, Action.VIEW, Term.objects.filter(org=org)).order_by("-starts_on"))
    current = next(
        (t for t in terms if t.starts_on <= at and (t.ends_on is None or t.ends_on > at)), None
    )
    seats: list[CommitteeSeat] = []
    if current is not None:
        seats = list(
            scoped(user, Action.VIEW, CommitteeSeat.objects.filter(term=current)).select_related(
                "member__person"
            )
        )
        seats.sort(key=lambda s: (s.ends_on is not None, POSITION_ORDER[s.position], s.starts_on))
    return {"terms": terms, "term": current, "seats": seats}


@login_required
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    org = get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=pk)
    at, at_error = date_param(request)
    scope = scope_of(user)
    parent = None
    if org.depth > 1:
        parent_qs = Organization.objects.filter(path=org.path[: -org.steplen])
        parent = scoped(user, Action.VIEW, parent_qs).first()
    children = list(scoped(user, Action.VIEW, Organization.objects.get_children(org)))
    events = (
        scoped(
            user,
            Action.VIEW,
            # Its own events, and units moved or merged in and moved out.
            OrgEvent.objects.filter(
                Q(org=org) | (Q(to_parent=org) & ~Q(kind=OrgEventKind.FOUNDED)) | Q(from_parent=org)
            ),
        )
        .select_related("org", "from_parent", "to_parent")
        .prefetch_related("related")
        .order_by("date", "id")
        .distinct()
    )
    nodes = tree_nodes(children, show_dissolved=True)
    versions = OrgVersion.objects.filter(org=org).select_related("parent").order_by("valid_from")
    context = {
        "org": org,
        "parent": parent,
        "at": at,
        "at_error": at_error,
        "figures": figures(org, at, HEADLINE_KEYS),
        "children": nodes,
        "events": list(events),
        "versions": list(scoped(user, Action.VIEW, versions)),
        "can_manage": scope.covers_path(Action.MANAGE_ORGS, org.path),
        "can_manage_roles": scope.covers_path(Action.MANAGE_ROLES, org.path),
        "can_split": can_split(user, org) and any(c["org"].is_active for c in nodes),
        "member_list_url": f"{reverse('backoffice:member_list')}?org={org.pk}",
        **_committee(user, org, at),
    }
    return render(request, "backoffice/orgs/detail.html", context)
