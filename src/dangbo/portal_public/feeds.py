from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from dangbo.portal_public import selectors
from dangbo.portal_public.models import Article, Category


class LatestFeed(Feed):
    title = "Cổng thông tin: tin mới"
    description = "Tin bài mới đăng trên cổng thông tin."

    def link(self) -> str:
        return reverse("portal_public:home")

    def items(self) -> Any:
        return selectors.visible_articles()[:30]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lead

    def item_pubdate(self, item: Article) -> Any:
        return item.published_at

    def item_author_name(self, item: Article) -> str:
        return item.author


class CategoryFeed(LatestFeed):
    def get_object(self, request: Any, category: str) -> Category:  # type: ignore[override]
        return get_object_or_404(Category, slug=category)

    def title(self, obj: Category) -> str:  # type: ignore[override]
        return f"Cổng thông tin: {obj.name}"

    def link(self, obj: Category) -> str:  # type: ignore[override]
        return reverse("portal_public:category", args=[obj.slug])

    def items(self, obj: Category) -> Any:  # type: ignore[override]
        return selectors.visible_articles().filter(category=obj)[:30]
