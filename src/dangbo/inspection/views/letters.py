"""Letters received (đơn thư khiếu nại, tố cáo): list, export, detail, receive, settle,
close, extend. The sender shows only to users with Action.VIEW_COMPLAINANT on the letter's
path: never in a page, an export, the search or an audit text for anyone else."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audit_list_read, audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.orgs_common import today
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.inspection import rules, selectors, services
from dangbo.inspection.forms import (
    CloseForm,
    ExtendForm,
    LetterFilterForm,
    LetterForm,
    SettleForm,
)
from dangbo.inspection.models import Complaint, LetterKind, LetterStatus
from dangbo.members.forms import attach_errors
from dangbo.orgs.models import Organization

PROTECTED = "(được bảo vệ)"


def _letter_for(user: Any, pk: int, *, change: bool) -> Complaint:
    letter = get_scoped_or_404(
        user, Action.VIEW,
        selectors.with_due(Complaint.objects.select_related(
            "settling_org", "accused_org", "accused_member__person", "created_by")),
        pk=pk,
    )  # fmt: skip
    if change and not scope_of(user).covers_path(Action.INSPECT, letter.settling_org.path):
        raise PermissionDenied("Đồng chí không có quyền giải quyết đơn thư này.")
    return letter


def _filters(request: HttpRequest, action: Action) -> tuple[LetterFilterForm, Any]:
    user = request.user
    form = LetterFilterForm(
        request.GET or None, sender_search=scope_of(user).allows(Action.VIEW_COMPLAINANT)
    )
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    letters = selectors.letter_list(
        user, action, query=data.get("q") or "", kind=data.get("kind") or "",
        status=data.get("status") or "", overdue=bool(data.get("overdue")),
        body=data.get("body") or "", year=data.get("year"), on=today(),
    )  # fmt: skip
    return form, letters


def _sender(user: Any, letter: Complaint) -> str:
    if letter.anonymous:
        return "Giấu tên, mạo tên, không rõ địa chỉ"
    return letter.sender_name if selectors.may_see_sender(user, letter) else PROTECTED


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.VIEW):
        raise PermissionDenied
    form, letters = _filters(request, Action.VIEW)
    context = list_context(
        request, form, letters, can_inspect=scope_of(user).allows(Action.INSPECT)
    )
    now = today()
    context["rows"] = [
        {"letter": c, "sender": _sender(user, c), "overdue": c.is_overdue(now)}
        for c in context["page"].object_list
    ]
    rows = context["rows"]
    named = sum(1 for r in rows if r["sender"] != PROTECTED and not r["letter"].anonymous)
    if named:  # the senders' names are personal data
        audit_list_read(
            request,
            object_type="complaint_list",
            what=f"danh sách đơn thư có tên người gửi (trang {context['page'].number})",
            count=named,
            filters=request.GET,
        )
    return render(request, "inspection/letters.html", context)


@login_required
def letter_export(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_export(user)
    _form, letters = _filters(request, Action.EXPORT)
    with_sender = scope_of(user).allows(Action.VIEW_COMPLAINANT)
    now = today()
    headings = ["Số vào sổ", "Ngày nhận", "Loại đơn"]
    if with_sender:
        headings += ["Người gửi", "Địa chỉ", "Liên hệ"]
    headings += ["Trích yếu", "Cơ quan giải quyết", "Hạn giải quyết", "Tình trạng",
                 "Quá hạn", "Kết quả", "Ngày giải quyết", "Số quyết định, thông báo",
                 "Lý do lưu đơn"]  # fmt: skip

    def cells(c: Complaint) -> list[Any]:
        line: list[Any] = [c.number, c.received_on, c.get_kind_display()]
        if with_sender:
            visible = selectors.may_see_sender(user, c)
            line += [
                _sender(user, c),
                c.sender_address if visible else "",
                c.sender_contact if visible else "",
            ]
        line += [c.subject, services.body_label(c.settling_org, c.settling_body), c.due,
                 c.get_status_display(), "Quá hạn" if c.is_overdue(now) else "",
                 c.get_outcome_display(), c.settled_on, c.decision_number,
                 c.get_close_reason_display()]  # fmt: skip
        return line

    return export_response(
        request,
        rows=letters,
        object_type="complaint",
        description=lambda n: f"Xuất danh sách đơn thư: {n} đơn",
        filename="don-thu-khieu-nai-to-cao.xlsx",
        title="Đơn thư",
        headings=headings,
        row=cells,
    )


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    letter = _letter_for(user, pk, change=False)
    audit_log(
        user=user, action=AuditAction.VIEW, object_type="complaint", object_id=letter.pk,
        description=f"Xem đơn số {letter.number} ({letter.get_kind_display().lower()})",
        request=request,
    )  # fmt: skip
    now = today()
    can_change = scope_of(user).covers_path(Action.INSPECT, letter.settling_org.path)
    rule = rules.rules_at(letter.received_on)
    return render(
        request,
        "inspection/letter_detail.html",
        {
            "letter": letter,
            "body": services.body_label(letter.settling_org, letter.settling_body),
            "show_sender": selectors.may_see_sender(user, letter),
            "overdue": letter.is_overdue(now),
            "can_change": can_change and letter.status == LetterStatus.OPEN,
            "can_extend": can_change
            and letter.status == LetterStatus.OPEN
            and letter.is_denunciation
            and letter.extended_to is None,
            "level": rules.LEVEL_LABELS[rules.level_of(letter.settling_org.kind)],
            "days": rule.settle_days(letter.kind, rules.level_of(letter.settling_org.kind)),
            "history": selectors.history("complaint", letter.pk)[:50],
        },
    )


def _cases(user: Any) -> Any:
    from dangbo.discipline.models import DisciplineCase

    return scoped(user, Action.VIEW, DisciplineCase.objects.all()).order_by("-decision_date", "-pk")


@login_required
def letter_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.INSPECT):
        raise PermissionDenied("Đồng chí không có quyền tiếp nhận đơn thư.")
    orgs = scoped(
        user, Action.INSPECT, Organization.objects.filter(dissolved_on__isnull=True)
    ).order_by("path")
    accused = scoped(user, Action.VIEW, Organization.objects.all()).order_by("path")
    data = request.POST if request.method == "POST" else None
    form = LetterForm(data, orgs=orgs, accused=accused, cases=_cases(user),
                      initial={"received_on": today()})  # fmt: skip
    if data is not None and form.is_valid():
        try:
            letter = services.complaint_receive(acting_user=user, today=today(),
                                                **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            if letter.status == LetterStatus.CLOSED:
                messages.warning(request, f"Đã ghi đơn số {letter.number} và lưu đơn: "
                                 f"{letter.close_note}")  # fmt: skip
            else:
                messages.success(request, f"Đã tiếp nhận đơn số {letter.number}.")
            return redirect("inspection:letter_detail", pk=letter.pk)
    return render(request, "inspection/letter_form.html", {"form": form})


@login_required
def letter_settle(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    letter = _letter_for(user, pk, change=True)
    forms_: list[Any] = []
    if letter.kind == LetterKind.DISCIPLINE_COMPLAINT and letter.discipline_case_id:
        from dangbo.discipline.models import Form

        forms_ = list(Form.choices)
    data = request.POST if request.method == "POST" else None
    form = SettleForm(data, outcomes=rules.allowed_outcomes(letter.kind), forms_=forms_,
                      initial={"settled_on": today()})  # fmt: skip
    if data is not None and form.is_valid():
        try:
            services.complaint_settle(complaint=letter, acting_user=user, today=today(),
                                      **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi kết quả giải quyết đơn số {letter.number}.")
            return redirect("inspection:letter_detail", pk=letter.pk)
    return render(request, "inspection/letter_change.html",
                  {"form": form, "letter": letter, "title": "Giải quyết đơn"})  # fmt: skip


@login_required
def letter_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    letter = _letter_for(user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    form = CloseForm(data, initial={"closed_on": today()})
    if data is not None and form.is_valid():
        try:
            services.complaint_close(complaint=letter, acting_user=user, today=today(),
                                     **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã lưu đơn số {letter.number}.")
            return redirect("inspection:letter_detail", pk=letter.pk)
    title = "Lưu đơn, không giải quyết"
    return render(request, "inspection/letter_change.html",
                  {"form": form, "letter": letter, "title": title})  # fmt: skip


@login_required
def letter_extend(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    letter = _letter_for(user, pk, change=True)
    data = request.POST if request.method == "POST" else None
    form = ExtendForm(data)
    if data is not None and form.is_valid():
        try:
            services.complaint_extend(complaint=letter, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã gia hạn giải quyết.")
            return redirect("inspection:letter_detail", pk=letter.pk)
    return render(request, "inspection/letter_change.html",
                  {"form": form, "letter": letter, "title": "Gia hạn giải quyết"})  # fmt: skip
