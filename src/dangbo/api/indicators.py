"""Indicators for an organization the caller may see, as of a date."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.api.common import day_param, period_param, user_of, visible_org
from dangbo.api.schemas import (
    INVALID,
    NOT_FOUND,
    UNAUTHORIZED,
    IndicatorEntry,
    IndicatorInfo,
    IndicatorValueOut,
)
from dangbo.core.scope import Action, scoped
from dangbo.indicators import registry
from dangbo.indicators.registry import Context, Indicator

router = Router(tags=["Chỉ tiêu"])

MAX_RECORDS = 1000


def _records(user: Any, records: QuerySet[Any] | None) -> list[dict[str, Any]] | None:
    """The records behind a figure, cut to what the user may see; None if unknown."""
    if records is None:
        return None
    try:
        visible = scoped(user, Action.VIEW, records)
    except LookupError:
        # A model with no scope registration is never listed.
        return None
    if any(f.name == "person" for f in visible.model._meta.get_fields()):
        visible = visible.select_related("person")
    return [{"id": r.pk, "name": str(r)} for r in visible.order_by("pk")[:MAX_RECORDS]]


def _context(request: HttpRequest, scope: str, at: str, period: str) -> Context:
    if not scope:
        raise HttpError(422, "Thiếu tham số scope (mã tổ chức đảng).")
    day = day_param(at)
    span = period_param(period)
    return Context(scope=visible_org(user_of(request), scope, at=day), at=day, period=span)


def _entry(request: HttpRequest, ind: Indicator, context: Context, records: bool) -> dict[str, Any]:
    if not records:
        return {"label": ind.label, "unit": ind.unit, "value": ind.value(context)}
    result = ind(context)
    return {
        "label": ind.label,
        "unit": ind.unit,
        "value": result.value,
        "records": _records(user_of(request), result.records),
    }


def _audit_records(
    request: HttpRequest, context: Context, what: str, entries: Iterable[dict[str, Any]]
) -> None:
    """The records behind figures name people: one VIEW row per request, with the count."""
    count = sum(len(e.get("records") or []) for e in entries)
    audit_log(
        user=user_of(request),
        action=AuditAction.VIEW,
        object_type="indicator_records",
        object_id=context.scope.pk,
        description=f"Xem bản ghi {what} của {context.scope.name} tính đến "
        f"{context.at:%d/%m/%Y} qua API: {count} dòng",
        request=request,
    )


@router.get(
    "/indicators",
    response={
        200: list[IndicatorInfo] | dict[str, IndicatorEntry],
        **UNAUTHORIZED,
        **NOT_FOUND,
        **INVALID,
    },
    # `records` only when asked for, so the answer is exactly the CLI's JSON otherwise.
    exclude_none=True,
    summary="Danh mục chỉ tiêu, hoặc giá trị mọi chỉ tiêu của một tổ chức",
)
def indicator_values(
    request: HttpRequest, scope: str = "", at: str = "", period: str = "", records: bool = False
) -> Any:
    """Không có `scope`: danh mục chỉ tiêu (mã, tên, đơn vị). Có `scope=MÃ`: giá trị mọi chỉ
    tiêu của tổ chức tại ngày `at` (mặc định hôm nay), trong kỳ `period=TỪ..ĐẾN` nếu có;
    cùng dạng với `dangbo indicators --json`."""
    if not scope:
        return [
            {"key": i.key, "label": i.label, "unit": i.unit, "group": i.group}
            for i in registry.all_indicators()
        ]
    context = _context(request, scope, at, period)
    entries = {ind.key: _entry(request, ind, context, records) for ind in registry.all_indicators()}
    if records:
        _audit_records(request, context, "mọi chỉ tiêu", entries.values())
    return entries


@router.get(
    "/indicators/{key}",
    response={200: IndicatorValueOut, **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="Giá trị một chỉ tiêu của một tổ chức tại một ngày",
)
def indicator_value(
    request: HttpRequest,
    key: str,
    scope: str = "",
    at: str = "",
    period: str = "",
    records: bool = False,
) -> Any:
    try:
        ind = registry.get(key)
    except KeyError as exc:
        raise HttpError(404, f"Không có chỉ tiêu {key}.") from exc
    context = _context(request, scope, at, period)
    entry = _entry(request, ind, context, records)
    if records:
        _audit_records(request, context, f"chỉ tiêu “{ind.label}”", [entry])
    return {
        "key": ind.key,
        **entry,
        "scope": context.scope.code,
        "at": context.at,
        "period": list(context.period) if context.period else None,
    }
