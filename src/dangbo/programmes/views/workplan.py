"""The year's work programme of a committee: its items with "hoàn thành 64/78 đầu công việc"
(from the indicators), overdue items in red, quick status change (htmx), export, forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangbo.core.listing import export_response, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.core.text import format_percent
from dangbo.indicators import registry
from dangbo.indicators.links import records_url
from dangbo.indicators.registry import Context
from dangbo.members.forms import attach_errors
from dangbo.programmes import selectors, services
from dangbo.programmes.forms import WorkItemForm, WorkplanForm, WorkProgrammeForm
from dangbo.programmes.models import ItemStatus, WorkItem, WorkProgramme
from dangbo.programmes.views.common import (
    can_change,
    chosen_org,
    chosen_year,
    filters,
    orgs_for,
    require,
    require_change,
    today,
)


def _choice(request: HttpRequest) -> tuple[WorkplanForm, Any, int, str]:
    form = WorkplanForm(request.GET or None, orgs=orgs_for(request.user, Action.VIEW))
    data = filters(form)
    org = data.get("org") or chosen_org(request)
    year = data.get("year") or chosen_year(request)
    return form, org, year, data.get("status") or ""


def _figures(org: Any, year: int) -> dict[str, Any]:
    at = min(today(), dt.date(year, 12, 31))
    context = Context(scope=org, at=at, period=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    done = registry.value("work_items.done", context)
    total = registry.value("work_items.total", context)
    return {
        "done": done,
        "total": total,
        "percent": format_percent(float(done), float(total)) if total else "",
        "done_url": records_url("work_items.done", context),
        "total_url": records_url("work_items.total", context),
        "at": at,
    }


@login_required
def workplan(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, org, year, status = _choice(request)
    context: dict[str, Any] = {"form": form, "org": org, "year": year, "today": today()}
    if org is not None:
        items = selectors.work_items(request.user, org, year, status=status)
        context.update(
            programmes=selectors.work_programmes(request.user, org, year),
            items=items, figures=_figures(org, year), can_change=can_change(request.user, org),
            statuses=ItemStatus.choices, new_form=WorkProgrammeForm(
                initial={"title": f"Chương trình công tác năm {year} của {org.name}"}
            ),
            export_query=request.GET.urlencode(),
            can_export=scope_of(request.user).allows(Action.EXPORT),
        )  # fmt: skip
    return render(request, "programmes/workplan.html", context)


@login_required
def workplan_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, org, year, status = _choice(request)
    if org is None:
        raise Http404
    rows = selectors.work_items(request.user, org, year, action=Action.EXPORT, status=status)
    return export_response(
        request, rows=rows, object_type="work_item",
        description=lambda n: f"Xuất chương trình công tác năm {year} của {org.name}: {n} việc",
        filename=f"chuong-trinh-cong-tac-{year}.xlsx", title=f"Công tác năm {year}",
        headings=["Nội dung công việc", "Chủ trì", "Thời hạn", "Tình trạng", "Ngày hoàn thành",
                  "Ghi chú"],
        row=lambda i: [i.title, i.owner, i.due_on, i.get_status_display(), i.done_on, i.note],
    )  # fmt: skip


@login_required
@require_POST
def work_programme_create(request: HttpRequest) -> HttpResponse:
    org = chosen_org(request)
    if org is None:
        raise Http404
    require_change(request.user, org)
    year = chosen_year(request)
    form = WorkProgrammeForm(request.POST)
    if form.is_valid():
        services.work_programme_save(org=org, year=year, title=form.cleaned_data["title"],
                                     user=request.user)  # fmt: skip
        messages.success(request, f"Đã tạo chương trình công tác năm {year}.")
    else:
        messages.error(request, "Nhập tên chương trình công tác.")
    return redirect(f"{reverse('programmes:workplan')}?org={org.pk}&year={year}")


def _back(item_or_programme: WorkItem | WorkProgramme) -> str:
    wp = (
        item_or_programme.programme
        if isinstance(item_or_programme, WorkItem)
        else item_or_programme
    )
    return f"{reverse('programmes:workplan')}?org={wp.org_id}&year={wp.year}"


def _item_form(request: HttpRequest, wp: WorkProgramme, item: WorkItem | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if item is not None:
        initial = {f: getattr(item, f) for f in ("title", "owner", "due_on", "status", "done_on",
                                                 "note", "order")}  # fmt: skip
        initial["owner_org"] = item.owner_org_id
        initial = versioned_initial(item, **initial)
    form = WorkItemForm(
        request.POST or None, initial=initial or {"status": ItemStatus.PLANNED},
        orgs=orgs_for(request.user, Action.VIEW).filter(path__startswith=wp.org.path),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.work_item_save(programme=wp, item=item, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã lưu đầu công việc.")
            return redirect(_back(wp))
    return render(request, "programmes/simple_form.html",
                  {"form": form, "title": "Sửa đầu công việc" if item else
                   f"Thêm đầu công việc: {wp.title}", "back": _back(wp)})  # fmt: skip


@login_required
def work_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    wp = get_scoped_or_404(request.user, Action.VIEW, WorkProgramme.objects.all(), pk=pk)
    require_change(request.user, wp.org)
    return _item_form(request, wp, None)


def _item(request: HttpRequest, pk: int) -> WorkItem:
    return get_scoped_or_404(
        request.user, Action.VIEW, WorkItem.objects.select_related("programme__org"), pk=pk
    )


@login_required
def work_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    require_change(request.user, item.programme.org)
    return _item_form(request, item.programme, item)


@login_required
@require_POST
def work_item_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Quick status change; with htmx the row comes back, else the page."""
    item = _item(request, pk)
    require_change(request.user, item.programme.org)
    status = request.POST.get("status", "")
    error = ""
    try:
        item = services.work_item_set_status(item=item, status=status, user=request.user)
    except ValidationError as exc:
        error = "; ".join(exc.messages)
    if getattr(request, "htmx", False):
        return render(request, "programmes/_work_item_row.html",
                      {"i": item, "today": today(), "can_change": True,
                       "statuses": ItemStatus.choices, "error": error,
                       "n": request.POST.get("n", "")})  # fmt: skip
    if error:
        messages.error(request, error)
    return redirect(_back(item))
