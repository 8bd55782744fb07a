"""Commendations: the home page, the list and its export, detail, create and edit (the
decision and all its recipients in one form: every row is saved or none)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.accounts.audit import audited_read
from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.emulation import selectors, services
from dangbo.emulation.forms import CommendationFilterForm, CommendationForm, recipient_formset
from dangbo.emulation.models import Commendation, RecipientKind
from dangbo.emulation.views.common import chosen_org, filters, orgs_for, require, year_figures
from dangbo.members.forms import attach_errors

HOME_KEYS = [
    "commendation.collectives", "commendation.individuals", "commendation.proposals",
    "commendation.proposals_approved", "models.units", "models.count", "models.recognized",
    "commendation.by_level", "commendation.by_theme", "models.by_field",
]  # fmt: skip


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    org = chosen_org(request)
    if org is None:
        raise PermissionDenied
    at, figures = year_figures(org, HOME_KEYS)
    recent = selectors.commendation_list(request.user, org=org)[:10]
    return render(
        request,
        "emulation/home.html",
        {
            "org": org,
            "at": at,
            "numbers": [f for f in figures if f["rows"] is None],
            "breakdowns": [f for f in figures if f["rows"] is not None],
            "recent": recent,
            "can_change": scope_of(request.user).allows(Action.CHANGE),
            "can_mobilize": scope_of(request.user).allows(Action.MOBILIZE),
        },
    )


def _rows(request: HttpRequest, action: Action) -> tuple[CommendationFilterForm, Any]:
    user = request.user
    form = CommendationFilterForm(request.GET or None, orgs=orgs_for(user, Action.VIEW))
    data = filters(form)
    rows = selectors.commendation_list(
        user, action=action, query=data.get("q") or "", org=data.get("org"),
        year=data.get("year"), level=data.get("level") or "", theme=data.get("theme") or "",
        kind=data.get("kind") or "",
    )  # fmt: skip
    return form, rows


@login_required
def commendation_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _rows(request, Action.VIEW)
    can_change = scope_of(request.user).allows(Action.CHANGE)
    return render(
        request,
        "emulation/commendations.html",
        list_context(request, form, rows, can_change=can_change),
    )


@login_required
def commendation_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows = _rows(request, Action.EXPORT)
    commendations = list(rows.prefetch_related("recipients__org", "recipients__member__person"))
    lines = [(c, r) for c in commendations for r in c.recipients.all()]

    def cells(line: tuple[Commendation, Any]) -> list[Any]:
        c, r = line
        return [c.decision_number, c.decided_on, c.get_level_display(), c.get_form_display(),
                c.theme_label, c.period_label, c.org.name, r.get_kind_display(), r.display_name,
                r.position, r.achievement]  # fmt: skip

    return export_response(
        request,
        rows=lines,
        object_type="commendation",
        description=lambda n: f"Xuất danh sách khen thưởng: {len(commendations)} quyết định, "
        f"{n} tập thể, cá nhân",
        filename="khen-thuong.xlsx",
        title="Khen thưởng",
        headings=["Số quyết định", "Ngày quyết định", "Cấp khen", "Hình thức",
                  "Phong trào, chủ đề", "Giai đoạn", "Thuộc tổ chức đảng", "Đối tượng",
                  "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Thành tích"],
        row=cells,
    )  # fmt: skip


@login_required
def commendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commendation = get_scoped_or_404(
        request.user, Action.VIEW, Commendation.objects.select_related("org", "created_by"),
        pk=pk,
    )  # fmt: skip
    recipients = list(commendation.recipients.select_related("org", "member__person"))
    return render(
        request,
        "emulation/commendation_detail.html",
        {
            "c": commendation,
            "collectives": [r for r in recipients if r.kind == RecipientKind.COLLECTIVE],
            "individuals": [r for r in recipients if r.kind == RecipientKind.INDIVIDUAL],
            "proposals": commendation.proposals.all(),
            "history": selectors.history("commendation", commendation.pk),
            "can_change": scope_of(request.user).covers_path(Action.CHANGE, commendation.org.path),
        },
    )


def _initial_rows(commendation: Commendation) -> list[dict[str, Any]]:
    return [
        {
            "kind": r.kind,
            "org": r.org_id,
            "host_unit_name": r.host_unit_name,
            "member_card": r.member.card_number if r.member_id and r.member else "",
            "name": r.name,
            "position": r.position,
            "achievement": r.achievement,
        }  # fmt: skip
        for r in commendation.recipients.select_related("member")
    ]


def _form_page(request: HttpRequest, commendation: Commendation | None) -> HttpResponse:
    user = request.user
    orgs = orgs_for(user, Action.CHANGE)
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {}
    rows_initial: list[dict[str, Any]] | None = None
    if commendation is not None:
        initial = {
            "org": commendation.org_id, "decision_number": commendation.decision_number,
            "decided_on": commendation.decided_on, "level": commendation.level,
            "form": commendation.form, "theme": commendation.theme,
            "theme_other": commendation.theme_other, "year_from": commendation.year_from,
            "year_to": commendation.year_to, "note": commendation.note,
        }  # fmt: skip
        rows_initial = _initial_rows(commendation)
    form = CommendationForm(data, initial=versioned_initial(commendation, **initial), orgs=orgs)
    formset = recipient_formset(data, user=user, orgs=orgs, initial=rows_initial)
    if data is not None and form.is_valid() & formset.is_valid():
        lines = [
            services.RecipientLine(
                kind=f.cleaned_data["kind"],
                org=f.cleaned_data.get("org"),
                host_unit_name=f.cleaned_data.get("host_unit_name") or "",
                member=f.cleaned_data.get("member_card"),
                name=f.cleaned_data.get("name") or "",
                position=f.cleaned_data.get("position") or "",
                achievement=f.cleaned_data.get("achievement") or "",
            )  # fmt: skip
            for f in formset.filled()
        ]
        filled = formset.filled()
        try:
            saved = services.commendation_save(
                recipients=lines, commendation=commendation, acting_user=user, **form.values()
            )
        except services.RecipientRowsError as exc:
            for index, errors in exc.problems:
                row = filled[index]
                for field, message in errors.items():
                    row.add_error(field if field in row.fields else None, message)
                row.style()  # type: ignore[attr-defined]
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi quyết định khen thưởng số {saved.decision_number}.")
            return redirect("emulation:commendation_detail", pk=saved.pk)
    return render(
        request,
        "emulation/commendation_form.html",
        {"form": form, "formset": formset, "c": commendation},
    )


@login_required
def commendation_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.CHANGE, "Đồng chí không có quyền ghi nhận khen thưởng.")
    return _form_page(request, None)


@login_required
@audited_read("Xem khen thưởng", object_type="commendation")
def commendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commendation = get_scoped_or_404(
        request.user, Action.VIEW, Commendation.objects.select_related("org"), pk=pk
    )
    if not scope_of(request.user).covers_path(Action.CHANGE, commendation.org.path):
        raise PermissionDenied("Đồng chí không có quyền sửa quyết định khen thưởng này.")
    return _form_page(request, commendation)
