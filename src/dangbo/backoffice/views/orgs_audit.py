"""The audit log: who read, exported or changed personal data, for auditors only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangbo.accounts.models import AuditAction
from dangbo.accounts.selectors import audit_entries_for
from dangbo.backoffice.views.orgs_common import date_param, paginate, query_without_page
from dangbo.core.scope import Action, scope_of


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).allows(Action.VIEW_AUDIT):
        raise PermissionDenied("Bạn không có quyền xem nhật ký truy cập.")
    entries = audit_entries_for(request.user)
    who = request.GET.get("user", "").strip()
    if who:
        entries = entries.filter(
            Q(user__username__icontains=who)
            | Q(user__first_name__icontains=who)
            | Q(user__last_name__icontains=who)
        )
    action = request.GET.get("action", "")
    if action in AuditAction.values:
        entries = entries.filter(action=action)
    day, day_error = None, ""
    if request.GET.get("day", "").strip():
        day, day_error = date_param(request, "day")
        if not day_error:
            entries = entries.filter(at__date=day)
    context = {
        "page": paginate(request, entries.order_by("-at", "-pk")),
        "pager_query": query_without_page(request),
        "who": who,
        "action": action,
        "actions": AuditAction.choices,
        "day": day if not day_error else None,
        "day_error": day_error,
        "raw_day": request.GET.get("day", ""),
    }
    return render(request, "backoffice/audit/list.html", context)
