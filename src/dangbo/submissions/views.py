"""Calls for reports from below: the lists, a new call, and one call's status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.core.listing import export_response, paginate, require_export
from dangbo.core.scope import Action, scope_of, scoped
from dangbo.members.forms import attach_errors
from dangbo.submissions import registry, selectors, services
from dangbo.submissions.forms import CallForm
from dangbo.submissions.models import Call, CallRecipient


@login_required
def home(request: HttpRequest) -> HttpResponse:
    issued = selectors.calls_issued(request.user)
    received = selectors.calls_received(request.user)
    page, pager_query = paginate(request, received)
    rows = []
    for r in page.object_list:
        subs = selectors.latest_submissions(r.call)
        sub = subs.get(r.org_id)
        kind = registry.kind(r.call.kind)
        can_fill = scope_of(request.user).covers_path(Action.OFFICE, r.org.path)
        rows.append({
            "recipient": r, "submission": sub, "kind": kind,
            "fill_url": kind.fill_url(r.call, r.org) if kind and can_fill else "",
            "submission_url": kind.submission_url(sub) if kind and sub else "",
            "overdue": sub is None and timezone.localdate() > r.call.deadline,
        })  # fmt: skip
    calls = []
    for call in issued[:50]:
        counts = selectors.status_counts(selectors.call_status(call))
        calls.append({"call": call, "counts": counts})
    return render(request, "submissions/home.html", {
        "calls": calls, "received": rows, "page": page, "pager_query": pager_query,
        "can_change": scope_of(request.user).allows(Action.OFFICE),
    })  # fmt: skip


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).allows(Action.OFFICE):
        raise PermissionDenied("Đồng chí không có quyền gửi yêu cầu báo cáo.")
    form = CallForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = services.call_create(
                issuer=data["issuer"], kind=data["kind"], subject=data["subject"],
                title=data["title"], period_start=data["period_start"],
                period_end=data["period_end"], deadline=data["deadline"], note=data["note"],
                user=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Đã gửi yêu cầu tới {call.recipients.count()} tổ chức.")
            return redirect("submissions:call_detail", pk=call.pk)
    return render(request, "submissions/call_form.html", {"form": form})


def _visible_call(user: Any, pk: int) -> tuple[Call, bool]:
    """The call and whether the user sees all of it (the issuer's side) or only the rows of
    the organizations they reach among those asked."""
    call = scoped(user, Action.VIEW, Call.objects.select_related("issuer")).filter(pk=pk).first()
    if call is not None:
        return call, True
    mine = scoped(user, Action.VIEW, CallRecipient.objects.filter(call_id=pk)).first()
    if mine is None:
        raise Http404
    return Call.objects.select_related("issuer").get(pk=pk), False


def _status_rows(user: Any, call: Call, whole: bool) -> list[selectors.RecipientStatus]:
    rows = selectors.call_status(call)
    if whole:
        return rows
    scope = scope_of(user)
    return [r for r in rows if scope.covers_path(Action.VIEW, r.org.path)]


@login_required
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call, whole = _visible_call(request.user, pk)
    kind = registry.kind(call.kind)
    scope = scope_of(request.user)
    rows = []
    for status in _status_rows(request.user, call, whole):
        rows.append({
            "status": status,
            "submission_url": kind.submission_url(status.latest) if kind and status.latest
            else "",
            "fill_url": kind.fill_url(call, status.org)
            if kind and scope.covers_path(Action.OFFICE, status.org.path) else "",
        })  # fmt: skip
    return render(request, "submissions/call_detail.html", {
        "call": call, "kind": kind, "rows": rows, "whole": whole,
        "counts": selectors.status_counts([r["status"] for r in rows]),
        "can_export": scope.allows(Action.EXPORT),
    })  # fmt: skip


@login_required
def call_export(request: HttpRequest, pk: int) -> HttpResponse:
    require_export(request.user)
    call, whole = _visible_call(request.user, pk)
    return export_response(
        request,
        rows=_status_rows(request.user, call, whole),
        object_type="submission_call",
        description=lambda n: f"Xuất tình hình nộp “{call.title}”: {n} tổ chức",
        filename="tinh-hinh-nop-bao-cao.xlsx",
        title="Tình hình nộp báo cáo",
        headings=["Tổ chức", "Tình trạng", "Lần nộp", "Thời điểm nộp lần đầu"],
        row=lambda r: [
            r.org.name, r.state_label, r.latest.version if r.latest else "",
            timezone.localtime(r.first_submitted).strftime("%d/%m/%Y %H:%M")
            if r.first_submitted else "",
        ],
    )  # fmt: skip
