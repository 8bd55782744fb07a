"""Pages of the rating: the rounds, a round's results, opening and locking a round."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.xlsx import xlsx_response
from dangbo.members.forms import attach_errors
from dangbo.orgs.models import Organization, OrgKind
from dangbo.rating import selectors, services
from dangbo.rating.forms import LockForm, RoundFilterForm, RoundOpenForm
from dangbo.rating.models import GRADE_SHORT, Grade, RatingRound, SubjectKind
from dangbo.rating.rules import rules_for_year

GRADES = [(value, label, GRADE_SHORT[Grade(value)]) for value, label in Grade.choices]


def today() -> dt.date:
    return timezone.localdate()


def _filtered_rounds(request: HttpRequest) -> tuple[Any, RoundFilterForm, Organization | None]:
    form = RoundFilterForm(request.GET or None)
    org = None
    raw = (request.GET.get("org") or "").strip()
    if raw:
        org = get_scoped_or_404(request.user, Action.VIEW, Organization.objects.all(), pk=raw)
    year, status = None, ""
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
        status = form.cleaned_data["status"]
    rounds = selectors.round_list(request.user, year=year, status=status, org=org)
    return rounds, form, org


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The rounds the user sees, with their decided grades (over the visible entries)."""
    rounds, form, org = _filtered_rounds(request)
    page, pager_query = paginate(request, rounds)
    counts = selectors.grade_counts_by_round(request.user, [r.pk for r in page])
    rows = []
    for rnd in page:
        c = counts.get(rnd.pk, {})
        rows.append(
            {
                "round": rnd,
                "grades": [c.get(g, 0) for g, _l, _s in GRADES],
                "not_rated": c.get("not_rated", 0),
                "pending": c.get("pending", 0),
                "total": c.get("total", 0),
            }
        )
    context = {
        "page": page,
        "pager_query": pager_query,
        "rows": rows,
        "filter_form": form,
        "org": org,
        "grades": GRADES,
        "can_open": scope_of(request.user).allows(Action.CHANGE),
        "export_query": request.GET.urlencode(),
    }
    return render(request, "rating/list.html", context)


@login_required
def round_list_export(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).allows(Action.EXPORT):
        raise PermissionDenied("Đồng chí không có quyền xuất dữ liệu.")
    rounds, _form, _org = _filtered_rounds(request)
    rounds = list(rounds[:2000])
    counts = selectors.grade_counts_by_round(request.user, [r.pk for r in rounds])
    rows = []
    for rnd in rounds:
        c = counts.get(rnd.pk, {})
        rows.append(
            [
                rnd.year,
                rnd.scope.name,
                rnd.get_status_display(),
                rnd.rule_set,
                rnd.decided_on,
                *[c.get(g, 0) for g, _l, _s in GRADES],
                c.get("not_rated", 0),
                c.get("total", 0),
            ]
        )
    audit_log(
        user=request.user,
        action=AuditAction.EXPORT,
        object_type="rating_round_list",
        description=f"Xuất danh sách đợt xếp loại ({len(rows)} đợt)",
        request=request,
    )
    headings = [
        "Năm",
        "Phạm vi",
        "Trạng thái",
        "Quy định áp dụng",
        "Ngày quyết định",
        *[short for _g, _l, short in GRADES],
        "Không xếp loại",
        "Tổng số",
    ]
    return xlsx_response("dot-xep-loai.xlsx", "Đợt xếp loại", headings, rows)


@login_required
def round_open(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.CHANGE):
        raise PermissionDenied("Đồng chí không có quyền mở đợt xếp loại.")
    initial = {"year": today().year, "opened_on": today()}
    form = RoundOpenForm(request.POST or None, initial=initial)
    kinds = [k for k in OrgKind.values if k not in (OrgKind.SUB_CELL, OrgKind.SUB_COMMITTEE)]
    orgs = scoped(user, Action.CHANGE, Organization.objects.filter(kind__in=kinds))
    form.fields["scope"].setup(orgs.order_by("path"), action=Action.CHANGE, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rnd = services.round_open(
                by=user,
                scope=data["scope"],
                year=data["year"],
                opened_on=data["opened_on"],
                reference_on=data["reference_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã mở đợt xếp loại năm {rnd.year} – {rnd.scope.name}.")
            return redirect("rating:round_detail", pk=rnd.pk)
    return render(request, "rating/open.html", {"form": form})


def _work_lists(user: Any, rnd: RatingRound) -> tuple[list[dict], list[dict]]:
    """The cells the user may propose for and the base organizations it may decide for."""
    scope = scope_of(user)
    entries = selectors.visible_entries(user, rnd)
    cells: dict[int, dict] = {}
    bases: dict[int, dict] = {}
    for e in entries.only(
        "cell",
        "base_org",
        "proposed_grade",
        "decided_grade",
        "not_rated_reason",
        "cell__path",
        "cell__name",
        "base_org__path",
        "base_org__name",
        "member",
        "round",
    ):
        rated = not e.not_rated_reason
        c = cells.setdefault(
            e.cell_id,
            {
                "org": e.cell,
                "total": 0,
                "waiting": 0,
                "can": scope.covers_path(Action.CHANGE, e.cell.path),
            },
        )
        c["total"] += 1
        c["waiting"] += rated and not e.proposed_grade
        b = bases.setdefault(
            e.base_org_id,
            {
                "org": e.base_org,
                "total": 0,
                "waiting": 0,
                "can": scope.covers_path(Action.CHANGE, e.base_org.path),
            },
        )
        b["total"] += 1
        b["waiting"] += rated and not e.decided_grade
    order = sorted(cells.values(), key=lambda c: c["org"].path)
    return order, sorted(bases.values(), key=lambda b: b["org"].path)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    rnd = selectors.round_for(user, pk)
    entries = selectors.visible_entries(user, rnd)
    group = "cell" if rnd.scope.kind in (OrgKind.BASE_COMMITTEE, OrgKind.BASE_CELL) else "base_org"
    by_org, total = selectors.results_by_org(entries, group)
    previous = selectors.previous_year_results(user, rnd)
    org_ratings = selectors.visible_org_ratings(user, rnd)
    cells, bases = _work_lists(user, rnd)
    page, pager_query = paginate(
        request, entries.order_by("cell__path", "member__person__search_name", "pk")
    )
    chart = {
        "labels": [label for _g, label, _s in GRADES],
        "values": total.cells(),
        "label": "Số đảng viên",
    }
    yoy = [
        {"label": label, "now": total.counts.get(g, 0), "before": previous.counts.get(g, 0)}
        for g, label, _s in GRADES
    ]
    scope = scope_of(user)
    context = {
        "round": rnd,
        "rules": rules_for_year(rnd.year),
        "grades": GRADES,
        "by_org": by_org,
        "group_label": "Chi bộ" if group == "cell" else "Tổ chức cơ sở đảng",
        "total": total,
        "previous": previous,
        "yoy": yoy,
        "chart": chart,
        "org_ratings": list(org_ratings.order_by("org__path", "subject")[:500]),
        "org_counts": selectors.org_grade_counts(org_ratings),
        "subjects": SubjectKind.choices,
        "cells": cells,
        "bases": bases,
        "page": page,
        "pager_query": pager_query,
        "can_lock": not rnd.is_locked and scope.covers_path(Action.CHANGE, rnd.scope.path),
        "lock_form": LockForm(initial={"decided_on": today()}),
        "steps": list(rnd.steps.filter(member_rating=None, org_rating=None).select_related("by")),
        "can_export": scope.allows(Action.EXPORT),
    }
    return render(request, "rating/detail.html", context)


@login_required
def round_export(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    rnd = selectors.round_for(user, pk)
    if not scope_of(user).allows(Action.EXPORT):
        raise PermissionDenied("Đồng chí không có quyền xuất dữ liệu.")
    entries = selectors.visible_entries(user, rnd).order_by(
        "cell__path", "member__person__search_name", "pk"
    )
    rows = (
        [
            i,
            e.member.person.full_name,
            e.member.person.birth_date,
            e.cell.name,
            e.base_org.name,
            e.get_not_rated_reason_display(),
            e.get_proposed_grade_display(),
            e.proposed_score,
            e.get_decided_grade_display(),
            e.decided_score,
            e.decided_on,
            "Có" if e.disciplined else "",
            e.note,
        ]
        for i, e in enumerate(entries.iterator(2000), start=1)
    )
    audit_log(
        user=user,
        action=AuditAction.EXPORT,
        object_type="rating_round",
        object_id=rnd.pk,
        description=f"Xuất kết quả xếp loại năm {rnd.year} – {rnd.scope.name}",
        request=request,
    )
    headings = [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Chi bộ",
        "Tổ chức cơ sở đảng",
        "Không xếp loại",
        "Chi bộ đề xuất",
        "Điểm đề xuất",
        "Quyết định",
        "Điểm",
        "Ngày quyết định",
        "Kỷ luật trong năm",
        "Ghi chú",
    ]
    return xlsx_response(
        f"xep-loai-{rnd.year}-{rnd.pk}.xlsx", f"Xếp loại {rnd.year}", headings, rows
    )


@login_required
@require_POST
def round_lock(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    rnd = selectors.round_for(user, pk)
    if not scope_of(user).covers_path(Action.CHANGE, rnd.scope.path):
        raise PermissionDenied("Đồng chí không có quyền quyết định đợt xếp loại này.")
    form = LockForm(request.POST)
    if form.is_valid():
        try:
            services.round_lock(
                by=user,
                rnd=rnd,
                on=form.cleaned_data["decided_on"],
                decision_number=form.cleaned_data["decision_number"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "Đã quyết định và khóa đợt xếp loại.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(reverse("rating:round_detail", args=[rnd.pk]))


def entry_or_404(qs: Any, pk: Any) -> Any:
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
