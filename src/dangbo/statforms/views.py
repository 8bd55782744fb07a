"""The statistics form pages: a form of a scope and date, the records behind a cell, its
.xlsx, the collection from below and a submitted form. Thin: statforms.selectors,
statforms.services and statforms.checks do the work."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.orgs_common import (
    date_param,
    paginate,
    query_without_page,
    scope_roots,
    today,
)
from dangbo.core.files import content_disposition
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.text import format_date, format_number, parse_date
from dangbo.core.xlsx import XLSX_TYPE
from dangbo.orgs.models import Organization
from dangbo.statforms import checks, definitions, selectors, services
from dangbo.statforms.evaluate import NO_DATA, Cell, Evaluation
from dangbo.statforms.xlsx import workbook_bytes


def default_reference_date(day: dt.date) -> dt.date:
    """The latest 30/6 or 31/12 on or before `day`."""
    if day >= dt.date(day.year, 12, 31):
        return day.replace(month=12, day=31)
    if day >= dt.date(day.year, 6, 30):
        return dt.date(day.year, 6, 30)
    return dt.date(day.year - 1, 12, 31)


def _org(request: HttpRequest, action: Action = Action.VIEW) -> Organization:
    raw = (request.GET.get("org") or request.POST.get("org") or "").strip()
    if raw:
        return get_scoped_or_404(request.user, action, Organization.objects.all(), pk=raw)
    roots = scope_roots(request.user, action)
    if not roots:
        raise PermissionDenied("Bạn không có quyền xem biểu thống kê của tổ chức nào.")
    return roots[0]


def _params(request: HttpRequest) -> tuple[dt.date, tuple[dt.date, dt.date] | None, str]:
    """Reference date (default the last 30/6 or 31/12), period (from/to) and any error."""
    error = ""
    if request.GET.get("at"):
        at, error = date_param(request)
    else:
        at = default_reference_date(today())
    period = None
    if request.GET.get("from") and request.GET.get("to"):
        try:
            period = (parse_date(request.GET["from"]), parse_date(request.GET["to"]))
        except ValueError as exc:
            error = str(exc)
        else:
            if period[0] > period[1]:
                error, period = "Ngày bắt đầu kỳ phải trước ngày kết thúc.", None
    return at, period, error


def _evaluation(request: HttpRequest, number: str) -> tuple[Evaluation, str]:
    org = _org(request)
    at, period, error = _params(request)
    try:
        return selectors.form_evaluate(number, org, at, period), error
    except KeyError as exc:
        raise Http404 from exc


def _query(evaluation: Evaluation) -> str:
    from urllib.parse import urlencode

    start, end = evaluation.period
    return urlencode(
        {
            "org": evaluation.scope.pk,
            "at": format_date(evaluation.at),
            "from": format_date(start),
            "to": format_date(end),
        }
    )


def _shown(cell: Cell) -> str:
    if cell.row.heading:
        return ""
    if cell.missing:
        return NO_DATA
    if cell.value is None:
        return "–"
    return format_number(cell.value, 2 if isinstance(cell.value, float) else 0)


def _table(evaluation: Evaluation, number: str) -> list[dict[str, Any]]:
    base = reverse("statforms:cell", args=[number])
    query = _query(evaluation)
    rows = []
    for line in evaluation.cells:
        row = line[0].row
        rows.append(
            {
                "row": row,
                "cells": [
                    {
                        "text": _shown(cell),
                        "missing": cell.missing_text,
                        "url": f"{base}?{query}&row={row.code}&col={cell.column.code}"
                        if cell.drillable and not row.heading
                        else "",
                    }
                    for cell in line
                ],
            }
        )
    return rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    at = default_reference_date(today())
    forms = [definitions.pick(n, at) for n in definitions.numbers()]
    roots = scope_roots(request.user)
    return render(
        request,
        "statforms/home.html",
        {"forms": forms, "org": roots[0] if roots else None, "at": at},
    )


def _open_calls(user: Any, org: Organization, number: str) -> list[Any]:
    """Calls for this form addressed to `org` that the user may answer."""
    from dangbo.submissions.models import Call

    if not scope_of(user).covers_path(Action.CHANGE, org.path):
        return []
    return list(
        Call.objects.filter(kind="statform", subject=number, recipients__org=org).order_by(
            "-deadline"
        )[:5]
    )


@login_required
def form_view(request: HttpRequest, number: str) -> HttpResponse:
    evaluation, error = _evaluation(request, number)
    org = evaluation.scope
    findings = checks.run(org, evaluation.at, evaluation.period) if number in ("1", "3") else []
    can_change = scope_of(request.user).covers_path(Action.CHANGE, org.path)
    picker = list(
        scoped(
            request.user, Action.VIEW, Organization.objects.filter(dissolved_on__isnull=True)
        ).order_by("path")[:300]
    )
    return render(
        request,
        "statforms/form.html",
        {
            "number": number,
            "definition": evaluation.definition,
            "versions": definitions.versions(number),
            "evaluation": evaluation,
            "org": org,
            "at": evaluation.at,
            "period": evaluation.period,
            "error": error,
            "rows": _table(evaluation, number),
            "query": _query(evaluation),
            "findings": findings,
            "picker": picker,
            "calls": _open_calls(request.user, org, number),
            "can_ask": can_change and not org.is_cell,
            "forms": definitions.numbers(),
        },
    )


@login_required
def cell_view(request: HttpRequest, number: str) -> HttpResponse:
    evaluation, error = _evaluation(request, number)
    row_code, col_code = request.GET.get("row", ""), request.GET.get("col", "")
    try:
        records = selectors.cell_records(request.user, evaluation, row_code, col_code)
        row = next(r for r in evaluation.definition.rows if r.code == row_code)
        column = next(c for c in evaluation.definition.columns if c.code == col_code)
    except (KeyError, StopIteration) as exc:
        raise Http404 from exc
    page = paginate(request, records)
    kind = "org" if records.model is Organization else "member"
    if kind == "member":
        audit_log(
            user=request.user,
            action=AuditAction.VIEW,
            object_type="member_list",
            object_id=evaluation.scope.pk,
            description=f"Xem danh sách ô ({row_code}, cột {col_code}) Biểu số "
            f"{evaluation.definition.code} của {evaluation.scope.name} tính đến "
            f"{format_date(evaluation.at)} (trang {page.number})",
            request=request,
        )
    return render(
        request,
        "statforms/cell.html",
        {
            "number": number,
            "definition": evaluation.definition,
            "evaluation": evaluation,
            "org": evaluation.scope,
            "row": row,
            "column": column,
            "value": _shown(
                next(c for c in _cells(evaluation) if c.row is row and c.column is column)
            ),
            "page": page,
            "kind": kind,
            "pager_query": query_without_page(request),
            "query": _query(evaluation),
            "error": error,
        },
    )


def _cells(evaluation: Evaluation) -> list[Cell]:
    return [cell for line in evaluation.cells for cell in line]


@login_required
def export_view(request: HttpRequest, number: str) -> HttpResponse:
    org = _org(request, Action.EXPORT)
    at, period, _ = _params(request)
    try:
        evaluation = selectors.form_evaluate(number, org, at, period)
    except KeyError as exc:
        raise Http404 from exc
    audit_log(
        user=request.user,
        action=AuditAction.EXPORT,
        object_type="statform",
        object_id=org.pk,
        description=f"Xuất Excel Biểu số {evaluation.definition.code} của {org.name} "
        f"tính đến {format_date(at)}",
        request=request,
    )
    response = HttpResponse(workbook_bytes(evaluation), content_type=XLSX_TYPE)
    filename = f"bieu-{evaluation.definition.code}-{org.code}-{at:%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition(filename)
    return response


@login_required
@require_POST
def call_create(request: HttpRequest, number: str) -> HttpResponse:
    org = _org(request, Action.CHANGE)
    try:
        period_start = parse_date(request.POST.get("from", ""))
        period_end = parse_date(request.POST.get("to", ""))
        deadline = parse_date(request.POST.get("deadline", ""))
        call = services.statform_call_create(
            issuer=org, number=number, period_start=period_start, period_end=period_end,
            deadline=deadline, user=request.user,
        )  # fmt: skip
    except KeyError as exc:
        raise Http404 from exc
    except (ValueError, ValidationError) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Không tạo được yêu cầu: {text}")
        return redirect(f"{reverse('statforms:form', args=[number])}?org={org.pk}")
    messages.success(request, f"Đã yêu cầu các tổ chức trực thuộc nộp “{call.title}”.")
    return redirect("statforms:call", pk=call.pk)


def _call(user: Any, pk: int) -> Any:
    from dangbo.submissions.models import Call

    return get_scoped_or_404(user, Action.VIEW, Call.objects.filter(kind="statform"), pk=pk)


@login_required
def call_view(request: HttpRequest, pk: int) -> HttpResponse:
    from dangbo.submissions.selectors import call_status

    call = _call(request.user, pk)
    try:
        own = selectors.form_evaluate(
            call.subject, call.issuer, call.at, (call.period_start, call.period_end)
        )
    except KeyError as exc:
        raise Http404 from exc
    table, other_versions = selectors.collect(call, own)
    labels = {r.code: r for r in own.definition.rows}
    statuses = call_status(call)
    return render(
        request,
        "statforms/call.html",
        {
            "call": call,
            "definition": own.definition,
            "statuses": statuses,
            "missing": [s for s in statuses if s.latest is None],
            "rows": [(labels[line[0].row_code], line) for line in table],
            "differences": sum(1 for line in table for c in line if c.differs),
            "other_versions": other_versions,
            "columns": own.definition.columns,
        },
    )


@login_required
@require_POST
def submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    from dangbo.submissions.models import Call

    org = _org(request, Action.CHANGE)
    call = Call.objects.filter(kind="statform", pk=pk, recipients__org=org).first()
    if call is None:
        raise Http404
    try:
        submission = services.statform_submit(call=call, org=org, user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect(f"{reverse('statforms:form', args=[call.subject])}?org={org.pk}")
    messages.success(request, f"Đã nộp “{call.title}” (lần {submission.version}).")
    return redirect("statforms:submission", pk=submission.pk)


@login_required
def submission_view(request: HttpRequest, pk: int) -> HttpResponse:
    from dangbo.submissions.models import Submission

    submission = get_scoped_or_404(
        request.user,
        Action.VIEW,
        Submission.objects.filter(call__kind="statform").select_related("call", "org"),
        pk=pk,
    )
    payload = submission.payload or {}
    versions = [
        d
        for d in definitions.versions(payload.get("number", ""))
        if d.valid_from.isoformat() == payload.get("valid_from")
    ]
    if not versions:
        raise Http404
    definition = versions[0]
    cells = payload.get("cells") or {}
    rows = []
    for row in definition.rows:
        values = []
        for column in definition.columns:
            value = None if row.heading else cells.get(f"{row.code}|{column.code}")
            if row.heading:
                values.append("")
            elif value is None:
                values.append("–")
            else:
                values.append(format_number(value, 2 if isinstance(value, float) else 0))
        rows.append((row, values))
    return render(
        request,
        "statforms/submission.html",
        {"submission": submission, "definition": definition, "rows": rows, "payload": payload},
    )
