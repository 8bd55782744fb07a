"""Small helpers shared by the API routers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination

from dangbo.core.scope import Action, get_scoped_or_404
from dangbo.core.text import parse_date
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import resolve_code

# A page past this is refused with 422 (its offset would overflow the database's integer).
MAX_PAGE = 10**9


class Pages(PageNumberPagination):
    """django-ninja's page-number pagination with bounded page numbers."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=1000)


def user_of(request: HttpRequest) -> Any:
    """The authenticated user, whichever way they authenticated."""
    return request.auth  # type: ignore[attr-defined]


def day_param(text: str, *, name: str = "at") -> dt.date:
    """A date from the query string (YYYY-MM-DD or dd/mm/yyyy); today when empty."""
    if not text:
        return timezone.localdate()
    try:
        return parse_date(text)
    except ValueError as exc:
        raise HttpError(422, f"Tham số {name}: {exc}") from exc


def period_param(text: str) -> tuple[dt.date, dt.date] | None:
    """`A..B` as a pair of dates, or None when empty."""
    if not text:
        return None
    start, sep, end = text.partition("..")
    if not sep:
        raise HttpError(422, "Tham số period phải có dạng TỪ_NGÀY..ĐẾN_NGÀY.")
    first, last = day_param(start, name="period"), day_param(end, name="period")
    if first > last:
        raise HttpError(422, "Tham số period: ngày bắt đầu sau ngày kết thúc.")
    return first, last


def visible_org(user: Any, code: str, at: dt.date | None = None) -> Organization:
    """The organization with this code (also a former code) if the user may see it; else 404."""
    org = resolve_code(code, at=at)
    if org is None:
        raise HttpError(404, f"Không tìm thấy tổ chức đảng có mã {code}.")
    try:
        return get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=org.pk)
    except Http404 as exc:
        # Same answer for "does not exist" and "not yours".
        raise HttpError(404, f"Không tìm thấy tổ chức đảng có mã {code}.") from exc
