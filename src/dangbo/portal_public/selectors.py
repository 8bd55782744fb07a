"""What readers see: published items whose time has come (scheduled ones wait)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from dangbo.core.text import fold
from dangbo.portal_public.models import (
    Article,
    Category,
    Feedback,
    FeedbackStatus,
    Gallery,
    Photo,
    Section,
    Video,
)


def visible_articles(now: dt.datetime | None = None) -> QuerySet[Article]:
    return Article.objects.filter(published_at__lte=now or timezone.now()).select_related(
        "category", "section"
    )


def visible_galleries(now: dt.datetime | None = None) -> QuerySet[Gallery]:
    return Gallery.objects.filter(published_at__lte=now or timezone.now()).prefetch_related(
        Prefetch("photos", queryset=Photo.objects.order_by("order", "pk"))
    )


def visible_videos(now: dt.datetime | None = None) -> QuerySet[Video]:
    return Video.objects.filter(published_at__lte=now or timezone.now())


def category_blocks(per_category: int = 4) -> list[tuple[Category, list[Article]]]:
    """The newest articles of each category that has any, in the categories' order."""
    blocks = []
    for category in Category.objects.all():
        rows = list(visible_articles().filter(category=category)[:per_category])
        if rows:
            blocks.append((category, rows))
    return blocks


def search(query: str) -> QuerySet[Article]:
    """Every word of the query, diacritics and case ignored ("dang vien" finds "Đảng viên")."""
    rows = visible_articles()
    words = fold(query).split()
    if not words:
        return rows.none()
    for word in words:
        rows = rows.filter(search_text__contains=word)
    return rows


def published_feedback() -> QuerySet[Feedback]:
    return Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)


def main_section() -> Section | None:
    """The section of the committee that owns the site (the highest one published)."""
    return Section.objects.order_by("depth", "pk").first()
