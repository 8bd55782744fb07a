"""Reads of the editors' side: articles in the user's sections, letters to moderate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.core.scope import Action, scope_of, scoped
from dangbo.core.text import fold
from dangbo.orgs.models import Organization
from dangbo.portal.models import Article, Gallery, LinkedSite, Video
from dangbo.portal_public.models import Feedback, FeedbackStatus, Section


def article_list(
    user: Any, *, state: str = "", query: str = "", org: Organization | None = None
) -> QuerySet[Article]:
    """Articles of the sections the user writes for (editors: everything below them)."""
    rows = scoped(user, Action.WRITE_NEWS, Article.objects.select_related("org", "category"))
    if state:
        rows = rows.filter(state=state)
    if org is not None:
        rows = rows.filter(org__path__startswith=org.path)
    for word in fold(query).split():
        rows = rows.filter(Q(title__icontains=word) | Q(slug__contains=word))
    return rows.order_by("-updated_at", "-pk")


def articles(user: Any) -> QuerySet[Article]:
    return scoped(user, Action.WRITE_NEWS, Article.objects.select_related("org", "category"))


def galleries(user: Any) -> QuerySet[Gallery]:
    return scoped(user, Action.WRITE_NEWS, Gallery.objects.select_related("org"))


def videos(user: Any) -> QuerySet[Video]:
    return scoped(user, Action.WRITE_NEWS, Video.objects.select_related("org"))


def links(user: Any) -> QuerySet[LinkedSite]:
    return scoped(user, Action.WRITE_NEWS, LinkedSite.objects.select_related("org"))


def orgs_for(user: Any, action: Action) -> QuerySet[Organization]:
    return scoped(user, action, Organization.objects.filter(dissolved_on__isnull=True)).order_by(
        "path"
    )


def feedback_for(user: Any) -> QuerySet[Feedback]:
    """Letters of the sections the user edits (PUBLISH_NEWS); the site's own letters (no
    section) only for a superuser. The letters live in the portal database."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Feedback.objects.select_related("section")
    prefixes = scope.prefixes.get(Action.PUBLISH_NEWS, [])
    if not prefixes:
        return Feedback.objects.none()
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix)
    org_ids = list(Organization.objects.filter(condition).values_list("pk", flat=True))
    section_ids = list(Section.objects.filter(source_id__in=org_ids).values_list("pk", flat=True))
    return Feedback.objects.filter(section_id__in=section_ids).select_related("section")


def pending_feedback_count(user: Any) -> int:
    return feedback_for(user).filter(status=FeedbackStatus.PENDING).count()


def visit_series(start: dt.date, end: dt.date) -> dict[str, list[Any]]:
    """Visitors per month of [start, end], for the chart (from the portal's daily rows)."""
    from dangbo.portal_public.counter import history

    months: dict[str, list[int]] = {}
    for day, visitors, views in history(start, end):
        key = f"{day.month:02d}/{day.year}"
        entry = months.setdefault(key, [0, 0])
        entry[0] += visitors
        entry[1] += views
    return {
        "labels": list(months),
        "visitors": [v[0] for v in months.values()],
        "views": [v[1] for v in months.values()],
    }
