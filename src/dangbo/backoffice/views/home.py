"""The home page: the headline figures of the user's scope and membership over time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.backoffice.views.orgs_common import HEADLINE_KEYS, figures, scope_roots, today
from dangbo.core.scope import Action, scope_of, scoped
from dangbo.indicators import registry
from dangbo.members.models import Member
from dangbo.orgs.models import Organization

# Figures are shown for at most this many top organizations; the rest are listed.
MAX_ROOT_PANELS = 6
CHART_YEARS = 10


def membership_series(org: Organization, at: dt.date) -> dict[str, Any]:
    """members.total at 31/12 of each of the last years (since founding) and at `at`."""
    first_year = max(org.founded_on.year, at.year - CHART_YEARS)
    context = registry.Context(scope=org, at=at)
    labels: list[str] = []
    values: list[Any] = []
    for year in range(first_year, at.year):
        labels.append(f"31/12/{year}")
        values.append(registry.value("members.total", context.on(dt.date(year, 12, 31))))
    labels.append(at.strftime("%d/%m/%Y"))
    values.append(registry.value("members.total", context))
    return {"labels": labels, "values": values, "label": "Tổng số đảng viên"}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_of(user)
    if not scope.allows(Action.VIEW) and scope.allows(Action.WRITE_NEWS):
        return redirect("portal:home")  # the portal's writers and editors see only the portal
    at = today()
    own_member = (
        scoped(user, Action.VIEW, Member.objects.filter(person__user__pk=user.pk or 0))
        .select_related("person", "cell")
        .first()
    )
    roots = [] if not (scope.is_superuser or scope.prefixes) else scope_roots(user)
    panels = [
        {"org": root, "figures": figures(root, at, HEADLINE_KEYS)}
        for root in roots[:MAX_ROOT_PANELS]
    ]
    chart_org = None
    wanted = request.GET.get("org", "")
    for root in roots:
        if str(root.pk) == wanted:
            chart_org = root
    if chart_org is None and roots:
        chart_org = roots[0]
    chart = membership_series(chart_org, at) if chart_org is not None else None
    context = {
        "at": at,
        "own_member": own_member,
        "panels": panels,
        "more_roots": roots[MAX_ROOT_PANELS:],
        "roots": roots,
        "chart_org": chart_org,
        "chart": chart,
        "chart_rows": list(zip(chart["labels"], chart["values"], strict=True)) if chart else [],
    }
    return render(request, "backoffice/home.html", context)
