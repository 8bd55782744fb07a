"""The study sessions and training classes on the organizations' calendar (activities)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse

from dangbo.activities.calendar import CalendarEntry
from dangbo.core.scope import Action, scoped
from dangbo.orgs.models import Organization
from dangbo.studies.models import TrainingClass
from dangbo.studies.selectors import visible_sessions


def calendar_entries(
    user: Any, org: Organization, first: dt.date, last: dt.date
) -> Iterable[CalendarEntry]:
    sessions = (
        visible_sessions(user)
        .filter(held_on__range=(first, last))
        .filter(
            Q(org__path__startswith=org.path) | Q(bridge_points__org__path__startswith=org.path)
        )
        .select_related("org")
        .distinct()
    )
    for s in sessions:
        yield CalendarEntry(
            day=s.held_on, title=s.title, url=reverse("studies:session_detail", args=[s.pk]),
            kind=s.get_kind_display(), org_name=s.org.name,
        )  # fmt: skip
    classes = (
        scoped(user, Action.VIEW, TrainingClass.objects.all())
        .filter(org__path__startswith=org.path, starts_on__lte=last, ends_on__gte=first)
        .select_related("org")
    )
    for c in classes:
        yield CalendarEntry(
            day=max(c.starts_on, first), title=c.title,
            url=reverse("studies:class_detail", args=[c.pk]),
            kind=f"Lớp {c.get_kind_display().lower()}", org_name=c.org.name,
        )  # fmt: skip
