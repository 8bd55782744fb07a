"""The home page, inspection plans and their items (thin views over services/selectors)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.orgs_common import today
from dangbo.core.listing import export_response, list_context, paginate, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.inspection import selectors, services
from dangbo.inspection.forms import (
    ConcludeForm,
    ItemFilterForm,
    ItemForm,
    PlanFilterForm,
    PlanForm,
    ProgressForm,
)
from dangbo.inspection.models import InspectionItem, InspectionPlan, ItemStatus
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member
from dangbo.orgs.models import Organization


def _require(user: Any, action: Action) -> None:
    if not scope_of(user).allows(action):
        raise PermissionDenied("Đồng chí không có quyền xem mục này.")


def _plan_for(user: Any, pk: int, *, change: bool) -> InspectionPlan:
    """404 if out of sight; 403 if the user may only read it."""
    plan = get_scoped_or_404(user, Action.VIEW, InspectionPlan.objects.select_related("org"), pk=pk)
    if change and not scope_of(user).covers_path(Action.INSPECT, plan.org.path):
        raise PermissionDenied("Đồng chí không có quyền thay đổi kế hoạch kiểm tra, giám sát này.")
    return plan


def _item_for(user: Any, pk: int, *, change: bool) -> InspectionItem:
    item = get_scoped_or_404(
        user, Action.VIEW,
        InspectionItem.objects.select_related(
            "plan__org", "subject_org", "subject_member__person", "created_by"
        ),
        pk=pk,
    )  # fmt: skip
    if change and not scope_of(user).covers_path(Action.INSPECT, item.plan.org.path):
        raise PermissionDenied("Đồng chí không có quyền thay đổi cuộc kiểm tra, giám sát này.")
    return item


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """This year's plans of the bodies in sight with their completion; overdue letters on
    top, in red."""
    user = request.user
    _require(user, Action.VIEW)
    now = today()
    plans = list(selectors.plan_list(user, year=now.year))
    done = selectors.completion_of([p.pk for p in plans])
    overdue = list(selectors.overdue_letters(user, now)[:20])
    return render(
        request,
        "inspection/home.html",
        {
            "year": now.year,
            "today": now,
            "rows": [(p, done[p.pk], services.body_label(p.org, p.body)) for p in plans],
            "overdue": overdue,
            "overdue_total": selectors.overdue_letters(user, now).count(),
            "can_inspect": scope_of(user).allows(Action.INSPECT),
        },
    )


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require(user, Action.VIEW)
    form = PlanFilterForm(request.GET or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    plans = selectors.plan_list(
        user, query=data.get("q") or "", year=data.get("year"), body=data.get("body") or ""
    )
    page, pager_query = paginate(request, plans)
    done = selectors.completion_of([p.pk for p in page.object_list])
    rows = [(p, done[p.pk], services.body_label(p.org, p.body)) for p in page.object_list]
    return render(
        request, "inspection/plans.html",
        {"form": form, "page": page, "pager_query": pager_query, "rows": rows,
         "can_inspect": scope_of(user).allows(Action.INSPECT)},
    )  # fmt: skip


def _inspect_orgs(user: Any) -> Any:
    return scoped(
        user, Action.INSPECT, Organization.objects.filter(dissolved_on__isnull=True)
    ).order_by("path")


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.INSPECT):
        raise PermissionDenied("Đồng chí không có quyền lập kế hoạch kiểm tra, giám sát.")
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, orgs=_inspect_orgs(user), initial={"year": today().year})
    if data is not None and form.is_valid():
        try:
            plan = services.plan_create(acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã lập kế hoạch {plan.title}.")
            return redirect("inspection:plan_detail", pk=plan.pk)
    return render(request, "inspection/plan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request.user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    initial = versioned_initial(plan, **{name: getattr(plan, name) for name in (
        "title", "decision_number", "decision_date", "note")})  # fmt: skip
    form = PlanForm(data, orgs=None, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.plan_update(plan=plan, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã lưu kế hoạch.")
            return redirect("inspection:plan_detail", pk=plan.pk)
    return render(request, "inspection/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    plan = _plan_for(user, pk, change=False)
    items = list(
        plan.items.select_related("subject_org", "subject_member__person").order_by(
            "unplanned", "planned_quarter", "ref_date", "pk"
        )
    )
    audit_log(
        user=user, action=AuditAction.VIEW, object_type="inspection_plan", object_id=plan.pk,
        description=f"Xem kế hoạch kiểm tra, giám sát: {plan.title}", request=request,
    )  # fmt: skip
    return render(
        request,
        "inspection/plan_detail.html",
        {
            "plan": plan,
            "body": services.body_label(plan.org, plan.body),
            "items": items,
            "done": selectors.completion_of([plan.pk])[plan.pk],
            "can_change": scope_of(user).covers_path(Action.INSPECT, plan.org.path),
            "history": selectors.history("inspection_plan", plan.pk)[:50],
        },
    )


def _item_form(
    user: Any, plan: InspectionPlan, data: Any, initial: dict[str, Any] | None = None
) -> ItemForm:
    orgs = scoped(
        user, Action.VIEW,
        Organization.objects.filter(path__startswith=plan.org.path).exclude(pk=plan.org_id),
    ).order_by("path")  # fmt: skip
    members = scoped(
        user, Action.VIEW,
        Member.objects.filter(org_path__startswith=plan.org.path, left_on__isnull=True)
        .select_related("person"),
    ).order_by("person__search_name", "pk")  # fmt: skip
    return ItemForm(data, orgs=orgs, members=members, initial=initial or {})


@login_required
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    plan = _plan_for(user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    unplanned = request.GET.get("unplanned") == "1"
    form = _item_form(user, plan, data, {"unplanned": unplanned} if unplanned else None)
    if data is not None and form.is_valid():
        try:
            item = services.item_create(plan=plan, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã thêm cuộc {item.get_kind_display().lower()}.")
            return redirect("inspection:plan_detail", pk=plan.pk)
    return render(request, "inspection/item_form.html", {"form": form, "plan": plan,
                                                          "item": None})  # fmt: skip


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item_for(user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    initial = versioned_initial(
        item, **{name: getattr(item, name) for name in services.ITEM_FIELDS}
    )
    form = _item_form(user, item.plan, data, initial)
    if data is not None and form.is_valid():
        try:
            services.item_update(item=item, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã lưu cuộc kiểm tra, giám sát.")
            return redirect("inspection:item_detail", pk=item.pk)
    return render(request, "inspection/item_form.html", {"form": form, "plan": item.plan,
                                                          "item": item})  # fmt: skip


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item_for(user, pk, change=False)
    audit_log(
        user=user, action=AuditAction.VIEW, object_type="inspection_item", object_id=item.pk,
        description=f"Xem cuộc {item.get_kind_display().lower()} ({item.subject_label})",
        request=request,
    )  # fmt: skip
    return render(
        request,
        "inspection/item_detail.html",
        {
            "item": item,
            "plan": item.plan,
            "body": services.body_label(item.plan.org, item.plan.body),
            "team_members": list(item.team_members.select_related("person")),
            "can_change": scope_of(user).covers_path(Action.INSPECT, item.plan.org.path),
            "history": selectors.history("inspection_item", item.pk)[:50],
        },
    )


@login_required
def item_progress(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item_for(user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    status = item.status if item.status != ItemStatus.PLANNED else ItemStatus.IN_PROGRESS
    form = ProgressForm(data, initial={"status": status, "started_on": item.started_on,
                                       "cancel_reason": item.cancel_reason})  # fmt: skip
    if data is not None and form.is_valid():
        try:
            services.item_progress(item=item, acting_user=user, today=today(),
                                   **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã ghi tiến độ.")
            return redirect("inspection:item_detail", pk=item.pk)
    return render(request, "inspection/item_change.html",
                  {"form": form, "item": item, "title": "Tiến độ"})  # fmt: skip


@login_required
def item_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item_for(user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    initial = {name: getattr(item, name) for name in (
        "started_on", "ended_on", "conclusion_number", "conclusion", "violations_found",
        "violations_count", "violations")}  # fmt: skip
    form = ConcludeForm(data, initial=initial)
    if data is not None and form.is_valid():
        values = dict(form.cleaned_data)
        values["violations_count"] = values.get("violations_count") or 0
        try:
            services.item_conclude(item=item, acting_user=user, today=today(), **values)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã ghi kết luận.")
            return redirect("inspection:item_detail", pk=item.pk)
    return render(request, "inspection/item_change.html",
                  {"form": form, "item": item, "title": "Kết luận"})  # fmt: skip


def _item_rows(request: HttpRequest, action: Action) -> tuple[ItemFilterForm, Any]:
    form = ItemFilterForm(request.GET or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    raw = data.get("unplanned") or ""
    items = selectors.item_list(
        request.user, action, query=data.get("q") or "", year=data.get("year"),
        kind=data.get("kind") or "", status=data.get("status") or "",
        body=data.get("body") or "", unplanned=None if raw == "" else raw == "1",
    )  # fmt: skip
    return form, items


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, Action.VIEW)
    form, items = _item_rows(request, Action.VIEW)
    return render(request, "inspection/items.html", list_context(request, form, items))


@login_required
def item_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, items = _item_rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=items,
        object_type="inspection_item",
        description=lambda n: f"Xuất danh sách cuộc kiểm tra, giám sát: {n} dòng",
        filename="cuoc-kiem-tra-giam-sat.xlsx",
        title="Kiểm tra, giám sát",
        headings=["Năm", "Chủ thể", "Loại", "Đối tượng", "Nội dung", "Quý dự kiến",
                  "Ngoài kế hoạch", "Đoàn kiểm tra", "Tình trạng", "Ngày bắt đầu",
                  "Ngày kết thúc", "Kết luận", "Có vi phạm", "Số vi phạm"],
        row=lambda it: [
            it.plan.year, services.body_label(it.plan.org, it.plan.body), it.get_kind_display(),
            it.subject_label, it.content,
            f"Quý {it.planned_quarter}" if it.planned_quarter else "",
            "Có" if it.unplanned else "", it.team, it.get_status_display(), it.started_on,
            it.ended_on, it.conclusion, "Có" if it.violations_found else "Không",
            it.violations_count,
        ],
    )  # fmt: skip
