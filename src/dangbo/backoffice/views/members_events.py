"""Recording and deleting membership events (admission to exit) from the profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audited_read
from dangbo.backoffice.views.members import change_cells, member_for_change
from dangbo.core.scope import Action, get_scoped_or_404
from dangbo.core.text import format_date
from dangbo.members.choices import EventKind
from dangbo.members.forms import MemberEventForm, attach_errors
from dangbo.members.models import MembershipEvent
from dangbo.members.selectors import member_next_event_kinds
from dangbo.members.services import member_delete_event, member_record_event


@login_required
@audited_read("Xem biểu mẫu ghi sự kiện")
def member_event(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = request.user
    member = member_for_change(user, pk)
    if kind not in member_next_event_kinds(member):
        raise Http404("Sự kiện này không áp dụng cho tình trạng hiện tại của đảng viên.")
    cells = change_cells(user)
    current = None
    if kind == EventKind.TRANSFERRED and member.cell_id is not None:
        cells = cells.exclude(pk=member.cell_id)
        current = member.cell
    data = request.POST if request.method == "POST" else None
    form = MemberEventForm(data, kind=kind, cells=cells, exclude=current)
    label = EventKind(kind).label
    if data is not None and form.is_valid():
        values = form.service_kwargs()
        try:
            member_record_event(member=member, acting_user=user, **values)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            text = f"Đã ghi: {label} ngày {format_date(values['date'])}"
            if values["org"] is not None:
                text += f", sinh hoạt tại {values['org'].name}"
            messages.success(request, text + ".")
            return redirect("backoffice:member_detail", pk=member.pk)
    return render(
        request,
        "backoffice/members/event_form.html",
        {"member": member, "form": form, "kind": kind, "kind_label": label},
    )


@login_required
@audited_read("Xem sự kiện sắp xóa")
def member_event_delete(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    user = request.user
    member = member_for_change(user, pk)
    event = get_scoped_or_404(
        user,
        Action.VIEW,
        MembershipEvent.objects.filter(member=member).select_related("org", "from_org"),
        pk=event_pk,
    )
    only_event = not member.events.exclude(pk=event.pk).exists()
    if request.method == "POST":
        try:
            member_delete_event(event=event, acting_user=user)
        except ValidationError as exc:
            problems = "; ".join(exc.messages)
            messages.error(request, f"Không xóa được sự kiện: {problems}")
        else:
            messages.success(
                request,
                f"Đã xóa sự kiện {event.get_kind_display()} ngày {format_date(event.date)}.",
            )
        return redirect("backoffice:member_detail", pk=member.pk)
    return render(
        request,
        "backoffice/members/event_delete.html",
        {"member": member, "event": event, "only_event": only_event},
    )
