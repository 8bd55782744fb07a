"""What the study pages share: permission checks, the organizations offered, home."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangbo.backoffice.views.orgs_common import records_url, scope_roots, today
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.indicators import registry
from dangbo.orgs.models import Organization
from dangbo.studies import selectors

NO_RIGHT = "Đồng chí không có quyền ghi nhận công tác học tập, bồi dưỡng, hội thi ở tổ chức này."


def active_orgs(user: Any, action: Action) -> Any:
    orgs = Organization.objects.filter(dissolved_on__isnull=True)
    return scoped(user, action, orgs).order_by("path")


def need_view(user: Any) -> None:
    if not scope_of(user).allows(Action.VIEW):
        raise PermissionDenied


def need_educate(user: Any, org: Organization | None = None) -> None:
    """403 when the user may read but not write here (what is out of sight is a 404 first)."""
    scope = scope_of(user)
    if org is None and not scope.allows(Action.EDUCATE):
        raise PermissionDenied(NO_RIGHT)
    if org is not None and not scope.covers_path(Action.EDUCATE, org.path):
        raise PermissionDenied(NO_RIGHT)


def filter_values(form: Any) -> dict[str, Any]:
    return form.cleaned_data if form.is_bound and form.is_valid() else {}


HOME_KEYS = [
    "study.sessions", "study.bridge_points", "study.attendees", "study.members_present",
    "study.members_expected", "study.participation_rate", "training.classes",
    "training.learners", "training.certified", "contest.count", "contest.entrants",
    "contest.prizes",
]  # fmt: skip


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """This year's figures of an organization and the participation by organization."""
    user = request.user
    need_view(user)
    raw = (request.GET.get("org") or "").strip()
    if raw:
        org = get_scoped_or_404(
            user, Action.VIEW, Organization.objects.all(), pk=raw if raw.isdecimal() else 0
        )
    else:
        roots = scope_roots(user)
        if not roots:
            raise PermissionDenied
        org = roots[0]
    now = today()
    raw_year = (request.GET.get("year") or "").strip()
    year = int(raw_year) if raw_year.isdecimal() and 1950 <= int(raw_year) <= now.year else now.year
    end = min(dt.date(year, 12, 31), now)
    context = registry.Context(scope=org, at=end, period=(dt.date(year, 1, 1), end))
    figures = [
        {
            "key": key,
            "label": registry.get(key).label,
            "unit": registry.get(key).unit,
            "value": registry.value(key, context),
            "url": records_url(key, org, end),
        }
        for key in HOME_KEYS
    ]
    points = scoped(user, Action.VIEW, selectors.points_in_scope(org, dt.date(year, 1, 1), end))
    by_org = selectors.participation_by_org(points)
    chart = {
        "labels": [line["org"].name for line in by_org],
        "values": [line["rate"] for line in by_org],
        "label": "Tỉ lệ đảng viên tham gia (%)",
    }
    prizes = registry.value("contest.prizes_by_rank", context)
    kinds = registry.value("training.by_kind", context)
    return render(
        request,
        "studies/home.html",
        {
            "org": org, "year": year, "end": end, "figures": figures, "by_org": by_org,
            "chart_data": chart, "prizes": prizes, "kinds": kinds,
            "orgs": active_orgs(user, Action.VIEW)[:300],
            "can_educate": scope_of(user).allows(Action.EDUCATE),
        },
    )  # fmt: skip
