"""Political standard conclusions (sensitive: Action.VIEW_SENSITIVE, reads logged) and the
yearly admission targets (read from the programmes app's targets)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.admission import selectors, services
from dangbo.admission.forms import ConclusionFilterForm, ConclusionForm
from dangbo.admission.models import PoliticalStandardConclusion
from dangbo.backoffice.views.orgs_common import scope_roots
from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.xlsx import xlsx_response
from dangbo.members.forms import attach_errors
from dangbo.members.models import Person
from dangbo.orgs.models import Organization

HEADINGS = [
    "Họ và tên", "Ngày sinh", "Mục đích", "Chức danh, nội dung", "Tổ chức đề nghị",
    "Ngày kết luận", "Cơ quan kết luận", "Kết luận", "Số văn bản",
]  # fmt: skip


def _sensitive(user: Any) -> None:
    """Conclusions are read over a subtree: a member's right to their own file is not enough."""
    scope = scope_of(user)
    if not (scope.is_superuser or scope.root_paths(Action.VIEW_SENSITIVE)):
        raise PermissionDenied("Đồng chí không có quyền xem kết luận tiêu chuẩn chính trị.")


def _change_orgs(user: Any) -> Any:
    active = Organization.objects.filter(dissolved_on__isnull=True)
    return scoped(user, Action.CHANGE, active).order_by("path")


@login_required
def conclusion_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    _sensitive(user)
    form = ConclusionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.conclusion_list(
        user, query=data.get("q", ""), purpose=data.get("purpose", ""),
        result=data.get("result", ""), start=data.get("start"), end=data.get("end"),
    )  # fmt: skip
    if request.GET.get("format") == "xlsx":
        rows = scoped(user, Action.EXPORT, rows)
        audit_log(
            user=user, action=AuditAction.EXPORT, object_type="political_conclusion",
            description=f"Xuất {rows.count()} kết luận tiêu chuẩn chính trị", request=request,
        )  # fmt: skip
        return xlsx_response(
            "ket-luan-tieu-chuan-chinh-tri.xlsx", "Kết luận TCCT", HEADINGS,
            (
                [c.person.full_name, c.person.birth_date, c.get_purpose_display(), c.position,
                 c.org.name, c.concluded_on, c.concluding_body, c.get_result_display(),
                 c.document_number]
                for c in rows.iterator()
            ),
        )  # fmt: skip
    page, pager_query = paginate(request, rows)
    audit_log(
        user=user, action=AuditAction.VIEW, object_type="political_conclusion",
        description="Xem danh sách kết luận tiêu chuẩn chính trị", request=request,
    )  # fmt: skip
    return render(
        request, "admission/conclusion_list.html",
        {"form": form, "page": page, "pager_query": pager_query, "total": page.paginator.count,
         "can_create": scope_of(user).allows(Action.CHANGE),
         "export_query": request.GET.urlencode()},
    )  # fmt: skip


def _people(user: Any) -> Any:
    """People the user may conclude about: members and candidates in their change scope."""
    members = scoped(user, Action.CHANGE, Person.objects.filter(member__isnull=False))
    from dangbo.admission.models import AdmissionCase

    cases = scoped(user, Action.CHANGE, AdmissionCase.objects.all()).values("person_id")
    return (members | Person.objects.filter(pk__in=cases)).distinct().order_by("search_name")


@login_required
def conclusion_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    _sensitive(user)
    conclusion = None
    if pk is not None:
        conclusion = get_scoped_or_404(
            user, Action.VIEW_SENSITIVE, PoliticalStandardConclusion.objects.all(), pk=pk
        )
        audit_log(
            user=user, action=AuditAction.VIEW, object_type="political_conclusion",
            object_id=conclusion.pk, description=f"Xem kết luận TCCT của {conclusion.person}",
            request=request,
        )  # fmt: skip
    can_change = scope_of(user).covers_path(
        Action.CHANGE, conclusion.org_path if conclusion else ""
    ) if conclusion else scope_of(user).allows(Action.CHANGE)  # fmt: skip
    form = ConclusionForm(
        request.POST or None, instance=conclusion, people=_people(user), orgs=_change_orgs(user)
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            person, org = data.pop("person"), data.pop("org")
            try:
                saved = services.conclusion_save(
                    conclusion=conclusion, person=person, org=org, acting_user=user, **data
                )
            except ValidationError as exc:
                attach_errors([form], exc)
            else:
                messages.success(request, f"Đã lưu kết luận tiêu chuẩn chính trị của {person}.")
                return redirect("admission:conclusion_edit", pk=saved.pk)
    return render(
        request, "admission/conclusion_form.html",
        {"form": form, "conclusion": conclusion, "can_change": can_change},
    )  # fmt: skip


ADMISSION_KEYS = ("admission.admitted", "admission.trained")


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    """The year's admission targets (programmes.Target on admission.admitted or
    admission.trained) of the organizations in scope, each with its actual from the records
    (programmes.targets.evaluate). Targets are entered with the action programmes."""
    from dangbo.backoffice.views.orgs_common import today
    from dangbo.programmes.selectors import targets_for
    from dangbo.programmes.targets import evaluate

    user = request.user
    day = today()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdecimal() and 2000 <= int(raw) <= 2100 else day.year
    at = min(day, dt.date(year, 12, 31))
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    rows = []
    for root in scope_roots(user):
        targets = targets_for(root, period=period, user=user, below=True).filter(
            indicator_key__in=ADMISSION_KEYS
        )
        rows += [evaluate(t, at=at) for t in targets]
    return render(
        request, "admission/targets.html",
        {"rows": rows, "year": year, "at": at, "years": range(day.year, 2015, -1),
         "can_change": scope_of(user).allows(Action.CHANGE)},
    )  # fmt: skip
