"""Paging a list page the same way everywhere (50 rows, the other parameters kept), and
what every list page and its .xlsx export share: the pager context and the audited
export."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.scope import Action, scope_of
from dangbo.core.xlsx import xlsx_response

PER_PAGE = 50
NO_EXPORT = "Đồng chí không có quyền xuất dữ liệu."

T = TypeVar("T")


def paginate(request: HttpRequest, rows: Any, per_page: int = PER_PAGE) -> tuple[Page, str]:
    """The requested page of `rows` and the query string without `page`, for the pager
    template (backoffice/orgs/_pager.html reads `page` and `pager_query`)."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def list_context(request: HttpRequest, form: Any, rows: Any, **extra: Any) -> dict[str, Any]:
    """The context of a filtered list page with an export link: `form`, the requested
    `page` of `rows` and its `pager_query` (see `paginate`), `export_query` (the whole
    query string, for the export link to export what is filtered) and `can_export`
    (whether the user holds Action.EXPORT anywhere), merged with `extra` (which wins)."""
    page, pager_query = paginate(request, rows)
    return {
        "form": form,
        "page": page,
        "pager_query": pager_query,
        "export_query": request.GET.urlencode(),
        "can_export": scope_of(request.user).allows(Action.EXPORT),
        **extra,
    }


def require_export(user: Any) -> None:
    """403 (with the usual message) unless the user holds Action.EXPORT somewhere; the
    rows exported are still to be scoped for Action.EXPORT by the caller."""
    if not scope_of(user).allows(Action.EXPORT):
        raise PermissionDenied(NO_EXPORT)


def export_response(
    request: HttpRequest,
    *,
    rows: Iterable[T],
    object_type: str,
    description: Callable[[int], str],
    filename: str,
    title: str,
    headings: Sequence[str],
    row: Callable[[T], Sequence[Any]],
) -> HttpResponse:
    """Answer `rows` (already scoped for Action.EXPORT) as an .xlsx download, and write
    the export to the audit log first (AuditAction.EXPORT, `object_type`, and
    `description(count)` with the number of rows).

    The sheet `title` has a first column "STT" (1, 2, ...) before `headings`; each line is
    that number followed by `row(record)`."""
    records = list(rows)
    audit_log(
        user=request.user,
        action=AuditAction.EXPORT,
        object_type=object_type,
        description=description(len(records)),
        request=request,
    )
    data = ([i, *row(record)] for i, record in enumerate(records, start=1))
    return xlsx_response(filename, title, ["STT", *headings], data)
