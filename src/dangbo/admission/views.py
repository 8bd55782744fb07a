"""Admission pages: the case list, an organization's pipeline, the due list, a case with its
steps, and the forms that record them. Views are thin: the rules are in rules.py and the
writes in services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.admission import rules, selectors, services
from dangbo.admission.forms import CaseCreateForm, CaseFilterForm, IntroducerForm, StepForm
from dangbo.admission.models import AdmissionCase, PoliticalStandardConclusion, Stage
from dangbo.core.files import file_response
from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.text import format_date
from dangbo.core.xlsx import xlsx_response
from dangbo.members.forms import attach_errors
from dangbo.members.models import Member
from dangbo.members.services import person_save
from dangbo.orgs.models import CELL_KINDS, Organization, OrgKind, OrgVersion

CASE_HEADINGS = [
    "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày tạo nguồn", "Bước hiện tại", "Tình trạng",
    "Giấy chứng nhận đến", "Ngày quyết định kết nạp", "Hết dự bị", "Hạn bước tiếp theo",
]  # fmt: skip


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011 - a calendar day


def _orgs(user: Any) -> Any:
    active = Organization.objects.filter(dissolved_on__isnull=True)
    return scoped(user, Action.VIEW, active).order_by("path")


def _cells(user: Any) -> Any:
    cells = Organization.objects.filter(kind__in=CELL_KINDS, dissolved_on__isnull=True)
    return scoped(user, Action.CHANGE, cells).order_by("path")


def _case(user: Any, pk: int, *, change: bool = False) -> AdmissionCase:
    case = get_scoped_or_404(
        user, Action.VIEW, AdmissionCase.objects.select_related("person", "cell", "member"), pk=pk
    )
    if change and not scope_of(user).covers_path(Action.CHANGE, case.org_path):
        raise PermissionDenied("Đồng chí không có quyền thay đổi hồ sơ này.")
    return case


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The case list, with search, filters, paging and .xlsx export."""
    user = request.user
    form = CaseFilterForm(request.GET or None, orgs=_orgs(user))
    data = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(
        user, query=data.get("q", ""), org=data.get("org"), stage=data.get("stage", ""),
        status=data.get("status", ""),
    )  # fmt: skip
    if request.GET.get("format") == "xlsx":
        if not scope_of(user).allows(Action.EXPORT):
            raise PermissionDenied
        rows = scoped(user, Action.EXPORT, cases)
        audit_log(
            user=user, action=AuditAction.EXPORT, object_type="admission_case",
            description=f"Xuất danh sách hồ sơ kết nạp ({rows.count()} hồ sơ)", request=request,
        )  # fmt: skip
        return xlsx_response(
            "ho-so-ket-nap.xlsx", "Hồ sơ kết nạp", CASE_HEADINGS,
            (
                [c.person.full_name, c.person.birth_date, c.cell.name, c.identified_on,
                 c.get_stage_display(), c.get_status_display(), c.certificate_valid_until,
                 c.decided_on, c.probation_ends_on, c.due_on]
                for c in rows.iterator()
            ),
        )  # fmt: skip
    page, pager_query = paginate(request, cases)
    return render(
        request,
        "admission/list.html",
        {
            "form": form, "page": page, "pager_query": pager_query, "total": page.paginator.count,
            "can_create": scope_of(user).allows(Action.CHANGE),
            "export_query": request.GET.urlencode(),
        },
    )  # fmt: skip


@login_required
def org_pipeline(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = get_scoped_or_404(request.user, Action.VIEW, Organization.objects.all(), pk=org_pk)
    stages = selectors.pipeline(request.user, org)
    stage = request.GET.get("stage", "")
    cases = selectors.case_list(request.user, org=org, stage=stage) if stage else None
    return render(
        request, "admission/pipeline.html",
        {"org": org, "stages": stages, "stage": stage, "cases": cases,
         "due": selectors.due_items(request.user, _today(), org)[:20]},
    )  # fmt: skip


@login_required
def due_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    items = selectors.due_items(request.user, today)
    return render(
        request, "admission/due.html",
        {"items": items, "today": today, "overdue": sum(1 for i in items if i.overdue)},
    )  # fmt: skip


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.CHANGE):
        raise PermissionDenied
    form = CaseCreateForm(request.POST or None, cells=_cells(user))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                person = person_save(acting_user=user, **form.person_fields())
                case = services.case_create(person=person, acting_user=user, **form.case_fields())
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã lập hồ sơ kết nạp của {person.full_name}.")
            return redirect("admission:case_detail", pk=case.pk)
    return render(request, "admission/case_form.html", {"form": form})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = _case(user, pk)
    steps = rules.sort_steps(case.steps.select_related("deciding_org", "conclusion"))
    done = [s.kind for s in steps]
    can_change = scope_of(user).covers_path(Action.CHANGE, case.org_path)
    audit_log(
        user=user, action=AuditAction.VIEW, object_type="admission_case", object_id=case.pk,
        description=f"Xem hồ sơ kết nạp {case.person.full_name}", request=request,
    )  # fmt: skip
    next_kinds = rules.next_kinds(
        done, needs_higher_resolution=services.needs_higher_resolution(case.cell)
    )
    return render(
        request, "admission/case_detail.html",
        {
            "case": case, "steps": steps,
            "introducers": case.introducers.select_related("member__person"),
            "next_steps": [(k, Stage(k).label) for k in next_kinds] if can_change else [],
            "can_change": can_change, "rule_set": rules.rules_on(_today()),
            "can_undo": can_change and done and done[-1] not in
            (Stage.IDENTIFIED, Stage.CEREMONY, Stage.RECOGNITION, Stage.NOT_RECOGNIZED),
        },
    )  # fmt: skip


def _deciding_orgs(case: AdmissionCase) -> Any:
    """The base organization and the committees above it, now and at any time before (a
    back-dated decision was taken by the superior of its day); the service checks which
    one had the authority on the day."""
    ids = {o.pk for o in Organization.objects.get_ancestors(case.cell)}
    base = services.base_of(case.cell)
    if base is not None:
        ids.add(base.pk)
        ids |= set(
            OrgVersion.objects.filter(org=base, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
    return (
        Organization.objects.filter(pk__in=ids)
        .exclude(kind__in=[OrgKind.CENTRAL, OrgKind.SUB_COMMITTEE])
        .order_by("-path")
    )


@login_required
def case_step(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    user = request.user
    case = _case(user, pk, change=True)
    if stage not in Stage.values or stage == Stage.IDENTIFIED:
        raise Http404
    # Conclusions are sensitive: only those the user may read are offered.
    conclusions = scoped(
        user, Action.VIEW_SENSITIVE, PoliticalStandardConclusion.objects.filter(person=case.person)
    )
    from dangbo.studies.selectors import awareness_certificates

    form = StepForm(
        request.POST or None, request.FILES or None, kind=stage,
        deciding_orgs=_deciding_orgs(case), conclusions=conclusions,
        learners=awareness_certificates(case.person) if stage == Stage.TRAINED else None,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        values = form.service_kwargs()
        try:
            services.case_record_step(case=case, kind=stage, acting_user=user, **values)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            label = Stage(stage).label
            messages.success(request, f"Đã ghi: {label} ngày {format_date(values['date'])}.")
            return redirect("admission:case_detail", pk=case.pk)
    return render(
        request, "admission/step_form.html",
        {"case": case, "form": form, "stage_label": Stage(stage).label, "stage": stage},
    )  # fmt: skip


@login_required
def step_document(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The document attached to a step of a case the user may see (dangbo.core.files)."""
    case = _case(request.user, pk)
    step = get_object_or_404(case.steps, pk=step_pk)
    if not step.document:
        raise Http404
    return file_response(step.document)


@login_required
def case_undo(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request.user, pk, change=True)
    if request.method != "POST":
        return redirect("admission:case_detail", pk=case.pk)
    try:
        services.case_delete_last_step(case=case, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã xóa bước cuối của hồ sơ.")
    return redirect("admission:case_detail", pk=case.pk)


@login_required
def case_introducer(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = _case(user, pk, change=True)
    # Introducers usually work beside the candidate: the members of the base organization.
    near = case.cell
    if case.cell.kind == OrgKind.SUB_CELL:
        near = Organization.objects.get_parent(case.cell) or case.cell
    members = (
        scoped(user, Action.VIEW, Member.objects.exclude(status="left"))
        .filter(org_path__startswith=near.path)
        .select_related("person")
        .order_by("person__search_name")
    )
    form = IntroducerForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.introducer_add(case=case, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã ghi người giới thiệu.")
            return redirect("admission:case_detail", pk=case.pk)
    return render(request, "admission/introducer_form.html", {"case": case, "form": form})
