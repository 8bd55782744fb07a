"""Host units' yearly figures: list, export, form, and the .xlsx import (upload → preview,
every row checked, nothing written → confirm, all rows or none)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.core.text import format_number
from dangbo.core.xlsx import xlsx_response
from dangbo.members.forms import attach_errors
from dangbo.orgs.models import BASE_KINDS
from dangbo.programmes import importer, selectors, services
from dangbo.programmes.forms import ImportForm, UnitFiguresFilterForm, UnitFiguresForm
from dangbo.programmes.models import UnitFigures
from dangbo.programmes.views.common import (
    chosen_year,
    filters,
    orgs_for,
    require,
    require_change,
)

SESSION_KEY = "unit_figures_import"
PREVIEW_ROWS = 200


def _rows(request: HttpRequest, action: Action) -> tuple[UnitFiguresFilterForm, Any]:
    form = UnitFiguresFilterForm(request.GET or None, orgs=orgs_for(request.user, Action.VIEW))
    data = filters(form)
    rows = selectors.unit_figures_list(
        request.user, action=action, org=data.get("org"), year=data.get("year"),
        query=data.get("q") or "",
    )  # fmt: skip
    return form, rows


@login_required
def unit_figures(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _rows(request, Action.VIEW)
    scope = scope_of(request.user)
    return render(
        request, "programmes/unit_figures.html",
        list_context(request, form, rows, can_write=scope.allows(Action.OFFICE),
                     can_import=scope.allows(Action.IMPORT)),
    )  # fmt: skip


@login_required
def unit_figures_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows = _rows(request, Action.EXPORT)
    return export_response(
        request, rows=rows, object_type="unit_figures",
        description=lambda n: f"Xuất số liệu cơ quan, đơn vị: {n} dòng",
        filename="so-lieu-don-vi.xlsx", title=importer.SHEET_TITLE, headings=importer.HEADINGS[1:],
        row=lambda r: next(importer.export_rows([r]))[1:],
    )  # fmt: skip


@login_required
def unit_figures_template(request: HttpRequest) -> HttpResponse:
    """A sheet to fill: one row per base organization the user may change, for a year."""
    require(request.user, Action.OFFICE)
    year = chosen_year(request)
    orgs = orgs_for(request.user, Action.OFFICE).filter(kind__in=BASE_KINDS)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = [[n, o.code, o.name, o.host_unit_name, start, end, "", "", "", "", ""]
            for n, o in enumerate(orgs, start=1)]  # fmt: skip
    return xlsx_response(f"mau-so-lieu-don-vi-{year}.xlsx", importer.SHEET_TITLE,
                         importer.HEADINGS, rows)  # fmt: skip


def _form_page(request: HttpRequest, row: UnitFigures | None) -> HttpResponse:
    user = request.user
    initial: dict[str, Any] = {}
    if row is not None:
        initial = {f: getattr(row, f) for f in ("period_start", "period_end", "revenue",
                                                "workers", "avg_income", "profit")}  # fmt: skip
        initial.update(org=row.org_id, task_completed=row.task_completed)
    form = UnitFiguresForm(
        request.POST or None,
        initial=versioned_initial(row, **initial),
        orgs=orgs_for(user, Action.OFFICE),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.unit_figures_save(
                user=user, pk=row.pk if row is not None else None, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi số liệu của {saved.org.name}.")
            return redirect("programmes:unit_figures")
    return render(request, "programmes/simple_form.html",
                  {"form": form, "title": "Sửa số liệu cơ quan, đơn vị" if row else
                   "Nhập số liệu cơ quan, đơn vị"})  # fmt: skip


@login_required
def unit_figures_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.OFFICE, "Đồng chí không có quyền nhập số liệu.")
    return _form_page(request, None)


@login_required
def unit_figures_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_scoped_or_404(request.user, Action.VIEW, UnitFigures.objects.select_related("org"),
                            pk=pk)  # fmt: skip
    require_change(request.user, row.org)
    return _form_page(request, row)


@login_required
def unit_figures_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (every row checked, nothing written) → confirm (all or nothing)."""
    user: Any = request.user
    if not scope_of(user).allows(Action.IMPORT):
        raise PermissionDenied("Đồng chí không có quyền nhập dữ liệu.")
    form = ImportForm()
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(SESSION_KEY) or {}
        if not stored or stored.get("token") != request.POST.get("confirm"):
            messages.error(request, "Phiên xem trước đã hết hạn. Hãy tải tệp lên lại.")
            return redirect("programmes:unit_figures_import")
        data = base64.b64decode(stored["data"])
        plan = importer.apply_import(user, data, filename=stored["name"], request=request)
        if plan.ok:
            request.session.pop(SESSION_KEY, None)
            messages.success(request, f"Đã nhập {format_number(len(plan.rows))} dòng: "
                                      f"{plan.summary}.")  # fmt: skip
            return redirect("programmes:unit_figures")
        context.update(plan=plan, filename=stored["name"])
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            plan = importer.plan_import(user, data)
            context.update(plan=plan, filename=upload.name)
            if plan.ok:
                token = hashlib.sha256(data).hexdigest()[:32]
                request.session[SESSION_KEY] = {
                    "token": token, "name": upload.name, "data": base64.b64encode(data).decode(),
                }  # fmt: skip
                context["token"] = token
    if "plan" in context:
        context["shown_rows"] = context["plan"].rows[:PREVIEW_ROWS]
        context["more_rows"] = max(len(context["plan"].rows) - PREVIEW_ROWS, 0)
    return render(request, "programmes/unit_figures_import.html", context)
