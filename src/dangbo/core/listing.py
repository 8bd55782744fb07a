"""Paging a list page the same way everywhere (50 rows, the other parameters kept)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50


def paginate(request: HttpRequest, rows: Any, per_page: int = PER_PAGE) -> tuple[Page, str]:
    """The requested page of `rows` and the query string without `page`, for the pager
    template (backoffice/orgs/_pager.html reads `page` and `pager_query`)."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
