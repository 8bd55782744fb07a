"""Pages of Kỷ luật đảng: thin views over discipline.selectors and discipline.services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.orgs_common import records_url, scope_roots, today
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.params import bounded_int
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.text import fold, format_date
from dangbo.discipline import rules, selectors, services
from dangbo.discipline.forms import (
    CaseFilterForm,
    ComplaintForm,
    ExternalForm,
    MemberCaseForm,
    OrgCaseForm,
)
from dangbo.discipline.models import BodyKind, CaseKind, DisciplineCase, Form, SubjectKind
from dangbo.indicators import registry
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member
from dangbo.orgs.models import Organization

FORM_KEYS = [f"discipline.{f.value}" for f in Form]
HEAD_KEYS = ["discipline.total", "discipline.members", "discipline.orgs",
             "discipline.by_superior", "discipline.by_base", "discipline.external"]  # fmt: skip


def _require_inspect(user: Any) -> None:
    if not scope_of(user).allows(Action.INSPECT):
        raise PermissionDenied("Đồng chí không có quyền ghi quyết định kỷ luật.")


def _orgs(user: Any, action: Action) -> Any:
    return scoped(user, action, Organization.objects.filter(dissolved_on__isnull=True))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """This year's figures by deciding body and form, for an organization in scope."""
    user = request.user
    if not scope_of(user).allows(Action.VIEW):
        raise PermissionDenied
    scope = scope_of(user)
    # A member (self access only) sees their own cases in the list, not figures.
    roots = scope_roots(user) if scope.is_superuser or scope.root_paths(Action.VIEW) else []
    raw = request.GET.get("org", "") if roots else ""
    org = (
        get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=raw)
        if raw.isdecimal()
        else (roots[0] if roots else None)
    )
    now = today()
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdecimal() and 1950 <= int(raw_year) <= 2100 else now.year
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), max(now, dt.date(year, 1, 1)))
    heads: list[dict[str, Any]] = []
    breakdowns: dict[str, dict[str, int]] = {}
    if org is not None:
        context = registry.Context(scope=org, at=end, period=(start, end))
        for key in [*HEAD_KEYS, *FORM_KEYS]:
            ind = registry.get(key)
            heads.append({"key": key, "label": ind.label, "value": ind.value(context),
                          "url": records_url(key, org, end)})  # fmt: skip
        for key in ("discipline.by_body", "discipline.by_form"):
            value = registry.get(key).value(context)
            breakdowns[key] = value if isinstance(value, dict) else {}
    recent = selectors.case_list(user, year=year)[:10]
    return render(
        request,
        "discipline/home.html",
        {
            "org": org,
            "orgs": roots,
            "year": year,
            "start": start,
            "end": end,
            "heads": heads[: len(HEAD_KEYS)],
            "by_form_heads": heads[len(HEAD_KEYS) :],
            "by_body": breakdowns.get("discipline.by_body", {}),
            "by_form": breakdowns.get("discipline.by_form", {}),
            "recent": recent,
            "can_inspect": scope_of(user).allows(Action.INSPECT),
        },
    )


def _rows(request: HttpRequest, action: Action) -> tuple[CaseFilterForm, Any]:
    user = request.user
    form = CaseFilterForm(request.GET or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cases = selectors.case_list(
        user,
        query=data.get("q") or "",
        year=data.get("year"),
        form=data.get("form") or "",
        level=data.get("level") or "",
        subject_kind=data.get("subject_kind") or "",
        status=data.get("status") or "",
        kind=data.get("kind") or "",
    )
    member = request.GET.get("member", "")
    if (
        bounded_int(member, low=1) is not None
    ):  # a member's cases (the link from the member profile)
        cases = cases.filter(member_id=int(member))
    if action != Action.VIEW:
        cases = scoped(user, action, cases)
    return form, cases


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).allows(Action.VIEW):
        raise PermissionDenied
    form, cases = _rows(request, Action.VIEW)
    can_inspect = scope_of(request.user).allows(Action.INSPECT)
    return render(
        request, "discipline/list.html", list_context(request, form, cases, can_inspect=can_inspect)
    )


def _body(case: DisciplineCase) -> str:
    if case.kind == CaseKind.INFORMATION:
        return case.external_body
    name = case.body_org.name if case.body_org else ""
    if case.body_kind == BodyKind.CELL:
        return name  # "Chi bộ Văn phòng", not "Chi bộ Chi bộ Văn phòng"
    return f"{case.get_body_kind_display()} {name}".strip()


def _form_text(case: DisciplineCase) -> str:
    if case.kind == CaseKind.INFORMATION:
        return case.external_form
    text = case.get_form_display()
    if case.changed_form:
        text += f" (sau khiếu nại: {Form(case.changed_form).label})"
    return str(text)


@login_required
def case_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, cases = _rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=cases,
        object_type=services.OBJECT_TYPE,
        description=lambda n: f"Xuất danh sách kỷ luật đảng: {n} dòng",
        filename="ky-luat-dang.xlsx",
        title="Kỷ luật đảng",
        headings=["Đối tượng", "Loại đối tượng", "Đơn vị khi quyết định", "Nội dung vi phạm",
                  "Ngày vi phạm", "Ngày phát hiện", "Cơ quan quyết định", "Hình thức",
                  "Số quyết định", "Ngày quyết định", "Biểu quyết", "Khiếu nại", "Tình trạng",
                  "Loại", "Hạn thông báo", "Thông báo chậm"],
        row=lambda c: [
            c.subject_name, c.get_subject_kind_display(), c.subject_org.name, c.violation,
            c.violation_on, c.found_on, _body(c), _form_text(c), c.decision_number,
            c.decision_date,
            f"{c.votes_for}/{c.full_members}" if c.votes_for is not None else "",
            c.get_complaint_outcome_display() if c.complaint_received_on else "",
            c.get_status_display(), c.get_kind_display(), c.notice_deadline,
            "Có" if c.notice_late else "",
        ],
    )  # fmt: skip


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = get_scoped_or_404(
        user, Action.VIEW,
        DisciplineCase.objects.select_related(
            "member__person", "organization", "body_org", "subject_org", "membership_event",
            "created_by",
        ),
        pk=pk,
    )  # fmt: skip
    # Every read of a case is written to the audit log (VIEW rows do not expire figures).
    audit_log(
        user=user, action=AuditAction.VIEW, object_type=services.OBJECT_TYPE, object_id=case.pk,
        description=f"Xem hồ sơ kỷ luật {case.subject_name} ({case.decision_number})",
        request=request,
    )  # fmt: skip
    can_inspect = scope_of(user).covers_path(Action.INSPECT, case.subject_path)
    return render(
        request,
        "discipline/detail.html",
        {
            "case": case,
            "body": _body(case),
            "form_text": _form_text(case),
            "history": selectors.case_history(case, user)[:100],
            "complaints": selectors.linked_complaints(request.user, case),
            "can_inspect": can_inspect and case.kind == CaseKind.DECISION,
            "complaint_deadline": services_complaint_deadline(case),
            "limitation": rules.limitation_at(case.violation_on),
            "authority": rules.authority_at(case.decision_date),
        },
    )


def services_complaint_deadline(case: DisciplineCase) -> dt.date | None:
    """One month from the decision (Điều lệ Đảng Điều 39; from receipt, which the system
    does not know: the decision date is shown as the earliest reading)."""
    if case.kind != CaseKind.DECISION:
        return None
    from dangbo.inspection import rules as complaint_rules

    rule = complaint_rules.rules_at(case.decision_date)
    return complaint_rules.lodging_deadline(rule, case.decision_date)


def _pick_member(request: HttpRequest, target: str) -> HttpResponse:
    user = request.user
    query = (request.GET.get("q") or "").strip()
    found: list[Member] = []
    if query:
        members = scoped(user, Action.INSPECT, Member.objects.select_related("person", "cell"))
        for word in fold(query).split():
            members = members.filter(person__search_name__contains=word)
        members = members.filter(left_on__isnull=True)
        found = list(members.order_by("person__search_name", "pk")[:30])
    return render(
        request, "discipline/pick_member.html",
        {"query": query, "found": found, "target": target},
    )  # fmt: skip


def _member_for_inspect(user: Any, raw: str) -> Member:
    member = get_scoped_or_404(
        user, Action.VIEW, Member.objects.select_related("person", "cell"),
        pk=raw if raw.isdecimal() else 0,
    )  # fmt: skip
    if not scope_of(user).covers_path(Action.INSPECT, member.org_path):
        raise PermissionDenied("Đồng chí không có quyền ghi kỷ luật cho đảng viên này.")
    return member


def _bodies_for(user: Any, org: Organization | None) -> Any:
    """The organization and those above it that the user may INSPECT."""
    orgs = _orgs(user, Action.INSPECT)
    if org is None:
        return orgs.order_by("path")
    paths = [org.path[:i] for i in range(Organization.steplen, len(org.path) + 1,
                                         Organization.steplen)]  # fmt: skip
    return orgs.filter(path__in=paths).order_by("path")


@login_required
def member_case_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_inspect(user)
    raw = (request.GET.get("member") or request.POST.get("member") or "").strip()
    if not raw:
        return _pick_member(request, "discipline:member_case_create")
    member = _member_for_inspect(user, raw)
    data = request.POST if request.method == "POST" else None
    form = MemberCaseForm(data, bodies=_bodies_for(user, member.cell))
    if data is not None and form.is_valid():
        try:
            case = services.case_create(
                subject_kind=SubjectKind.MEMBER, member=member, today=today(), acting_user=user,
                **form.values(),
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi quyết định kỷ luật {case}.")
            return redirect("discipline:case_detail", pk=case.pk)
    return render(
        request, "discipline/case_form.html",
        {"form": form, "member": member, "title": "Ghi quyết định kỷ luật đảng viên"},
    )  # fmt: skip


@login_required
def org_case_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_inspect(user)
    data = request.POST if request.method == "POST" else None
    subjects = _orgs(user, Action.INSPECT).order_by("path")
    form = OrgCaseForm(data, subjects=subjects, bodies=_bodies_for(user, None))
    if data is not None and form.is_valid():
        values = form.values()
        try:
            case = services.case_create(
                subject_kind=SubjectKind.ORGANIZATION, today=today(), acting_user=user, **values
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi quyết định kỷ luật {case}.")
            return redirect("discipline:case_detail", pk=case.pk)
    return render(
        request, "discipline/case_form.html",
        {"form": form, "member": None, "title": "Ghi quyết định kỷ luật tổ chức đảng"},
    )  # fmt: skip


@login_required
def external_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_inspect(user)
    raw = (request.GET.get("member") or request.POST.get("member") or "").strip()
    if not raw:
        return _pick_member(request, "discipline:external_create")
    member = _member_for_inspect(user, raw)
    data = request.POST if request.method == "POST" else None
    form = ExternalForm(data)
    if data is not None and form.is_valid():
        try:
            case = services.external_record(
                member=member, today=today(), acting_user=user, **form.values()
            )
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            if case.notice_late:
                messages.warning(
                    request,
                    f"Thông báo chậm: hạn {format_date(case.notice_deadline)} "
                    f"({rules.notice_rules_at(case.decision_date).notice_days} ngày kể từ "
                    "ngày quyết định, Quy định 296-QĐ/TW).",
                )
            messages.success(request, f"Đã ghi thông tin kỷ luật của {member.person.full_name}.")
            return redirect("discipline:case_detail", pk=case.pk)
    return render(
        request, "discipline/case_form.html",
        {"form": form, "member": member,
         "title": "Ghi thông tin kỷ luật do cơ quan nhà nước, đoàn thể quyết định"},
    )  # fmt: skip


@login_required
def case_complaint(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = get_scoped_or_404(user, Action.VIEW, DisciplineCase.objects.all(), pk=pk)
    if not scope_of(user).covers_path(Action.INSPECT, case.subject_path):
        raise PermissionDenied("Đồng chí không có quyền ghi khiếu nại về quyết định này.")
    data = request.POST if request.method == "POST" else None
    initial = {
        "received_on": case.complaint_received_on, "body": case.complaint_body,
        "outcome": case.complaint_outcome, "decided_on": case.complaint_decided_on,
        "changed_form": case.changed_form,
    }  # fmt: skip
    form = ComplaintForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.case_record_complaint(case=case, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã ghi khiếu nại và kết quả giải quyết.")
            return redirect("discipline:case_detail", pk=case.pk)
    return render(request, "discipline/complaint_form.html", {"form": form, "case": case})


def member_cases_url(member: Member) -> str:
    """The list of a member's cases (for a link from the member profile)."""
    return reverse("discipline:case_list") + f"?member={member.pk}"
