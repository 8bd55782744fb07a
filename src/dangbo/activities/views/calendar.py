"""The calendar page of an organization: a month view with every registered source."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dangbo.activities import calendar as registry
from dangbo.activities.models import Meeting
from dangbo.activities.views.common import org_from_param, require_view, view_orgs
from dangbo.backoffice.views.orgs_common import today
from dangbo.core.scope import Action, scoped
from dangbo.orgs.models import Organization


def meeting_entries(
    user: Any, org: Organization, first: dt.date, last: dt.date
) -> list[registry.CalendarEntry]:
    meetings = scoped(user, Action.VIEW, Meeting.objects.select_related("org")).filter(
        org__path__startswith=org.path, held_on__range=(first, last)
    )
    return [
        registry.CalendarEntry(
            day=m.held_on,
            title=(m.topic or m.get_kind_display())
            + (f" ({m.starts_at:%H:%M})" if m.starts_at else ""),
            url=reverse("activities:meeting_detail", args=[m.pk]),
            kind="Họp cấp ủy"
            if m.kind in ("cell_committee", "committee", "standing")
            else "Sinh hoạt chi bộ",
            org_name=m.org.name,
        )
        for m in meetings
    ]


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    require_view(request.user)
    org = org_from_param(request.user, request.GET.get("org"))
    now = today()
    raw = request.GET.get("month") or ""
    try:
        year, month = (int(x) for x in raw.split("-", 1)) if raw else (now.year, now.month)
        first = dt.date(year, month, 1)
    except ValueError:
        first = dt.date(now.year, now.month, 1)
    last = dt.date(first.year, first.month, pycal.monthrange(first.year, first.month)[1])
    found = registry.entries(request.user, org, first, last) if org else []
    by_day: dict[dt.date, list[registry.CalendarEntry]] = {}
    for entry in found:
        by_day.setdefault(entry.day, []).append(entry)
    weeks = [
        [{"day": d, "in_month": d.month == first.month, "entries": by_day.get(d, [])} for d in week]
        for week in pycal.Calendar().monthdatescalendar(first.year, first.month)
    ]
    prev = (first - dt.timedelta(days=1)).replace(day=1)
    nxt = last + dt.timedelta(days=1)
    return render(
        request,
        "activities/calendar.html",
        {
            "org": org,
            "first": first,
            "weeks": weeks,
            "entries": found,
            "today": now,
            "prev": f"{prev:%Y-%m}",
            "next": f"{nxt:%Y-%m}",
            "orgs": view_orgs(request.user).order_by("path")[:300],
        },
    )
