"""The search behind the organization picker (dangbo.backoffice.widgets)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from dangbo.backoffice.widgets import PICKER_ACTIONS, PICKER_RESULTS, org_label
from dangbo.core.scope import Action, scoped
from dangbo.orgs.models import Organization, OrgKind
from dangbo.orgs.selectors import org_pick


@login_required
def org_picker(request: HttpRequest) -> HttpResponse:
    """At most PICKER_RESULTS organizations the user may `action` matching `q`, as the
    options of the picker: ?q=...&action=view|change|manage_orgs&kinds=a,b&exclude=id"""
    action = PICKER_ACTIONS.get(request.GET.get("action") or Action.VIEW.value)
    if action is None:
        return HttpResponseBadRequest("Thao tác không hợp lệ.")
    kinds = [k for k in (request.GET.get("kinds") or "").split(",") if k]
    if any(k not in OrgKind.values for k in kinds):
        return HttpResponseBadRequest("Loại tổ chức không hợp lệ.")
    exclude = None
    exclude_id = (request.GET.get("exclude") or "").strip()
    if exclude_id.isdecimal():
        visible = Organization.objects.filter(pk=int(exclude_id))
        exclude = scoped(request.user, Action.VIEW, visible).first()
    found = org_pick(
        request.user,
        request.GET.get("q", ""),
        action=action,
        kinds=kinds,
        exclude=exclude,
        limit=PICKER_RESULTS + 1,
    )
    results = [
        {"org": org, "label": org_label(org), "ancestors": ancestors}
        for org, ancestors in found[:PICKER_RESULTS]
    ]
    context = {
        "results": results,
        "truncated": len(found) > PICKER_RESULTS,
        "limit": PICKER_RESULTS,
    }
    return render(request, "backoffice/widgets/org_picker_results.html", context)
