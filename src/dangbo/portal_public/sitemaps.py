from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dangbo.portal_public import selectors
from dangbo.portal_public.models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self) -> Any:
        return selectors.visible_articles()

    def lastmod(self, item: Article) -> Any:
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> Any:
        return Category.objects.all()

    def location(self, item: Category) -> str:
        return reverse("portal_public:category", args=[item.slug])


class PageSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["home", "galleries", "videos", "documents", "feedback"]

    def location(self, item: str) -> str:
        return reverse(f"portal_public:{item}")


SITEMAPS = {"pages": PageSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}
