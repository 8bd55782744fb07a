"""Pages of Đoàn thể: home, mass organizations (list, export, detail with terms, member
counts, activities, money by purpose and a chart by year; create, edit), terms and counts,
activities (list, export, detail, create, edit). Writes need Action.MOBILIZE."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangbo.core.listing import export_response, list_context, require_export
from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.emulation.views.common import chosen_org, filters, orgs_for, require, year_figures
from dangbo.massorgs import rules, selectors, services
from dangbo.massorgs.forms import (
    ActivityFilterForm,
    ActivityForm,
    MassOrgFilterForm,
    MassOrgForm,
    MembershipForm,
    TermForm,
)
from dangbo.massorgs.models import MassOrgActivity, MassOrganization
from dangbo.members.forms import attach_errors

HOME_KEYS = [
    "massorg.funds", "massorg.activities", "massorg.houses", "massorg.blood_units",
    "massorg.beneficiaries", "massorg.members", "massorg.funds_by_kind",
    "massorg.funds_by_purpose",
]  # fmt: skip
NO_RIGHT = "Đồng chí không có quyền ghi thông tin đoàn thể (Ban Dân vận, bí thư cơ sở)."


def _get(user: Any, pk: int) -> MassOrganization:
    return get_scoped_or_404(
        user, Action.VIEW, MassOrganization.objects.select_related("party_org"), pk=pk
    )


def _for_change(user: Any, pk: int) -> MassOrganization:
    massorg = _get(user, pk)
    if not scope_of(user).covers_path(Action.MOBILIZE, massorg.party_org.path):
        raise PermissionDenied(NO_RIGHT)
    return massorg


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    org = chosen_org(request)
    if org is None:
        raise PermissionDenied
    at, figures = year_figures(org, HOME_KEYS)
    massorgs = selectors.massorg_list(request.user, org=org)[:30]
    return render(
        request,
        "massorgs/home.html",
        {
            "org": org, "at": at,
            "numbers": [f for f in figures if f["rows"] is None],
            "breakdowns": [f for f in figures if f["rows"] is not None],
            "massorgs": massorgs,
            "can_mobilize": scope_of(request.user).allows(Action.MOBILIZE),
        },
    )  # fmt: skip


def _massorg_rows(request: HttpRequest, action: Action) -> tuple[MassOrgFilterForm, Any]:
    form = MassOrgFilterForm(request.GET or None, orgs=orgs_for(request.user, Action.VIEW))
    data = filters(form)
    rows = selectors.massorg_list(
        request.user, action=action, query=data.get("q") or "", org=data.get("org"),
        kind=data.get("kind") or "",
    )  # fmt: skip
    return form, rows


@login_required
def massorg_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _massorg_rows(request, Action.VIEW)
    can_mobilize = scope_of(request.user).allows(Action.MOBILIZE)
    return render(
        request,
        "massorgs/massorgs.html",
        list_context(request, form, rows, can_mobilize=can_mobilize),
    )


@login_required
def massorg_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows = _massorg_rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=rows,
        object_type="mass_organization",
        description=lambda n: f"Xuất danh sách tổ chức đoàn thể: {n} tổ chức",
        filename="to-chuc-doan-the.xlsx",
        title="Tổ chức đoàn thể",
        headings=["Tên tổ chức", "Loại đoàn thể", "Tổ chức đảng lãnh đạo", "Cơ quan, đơn vị",
                  "Số đoàn viên, hội viên", "Tính đến ngày"],
        row=lambda m: [m.name, m.get_kind_display(), m.party_org.name, m.host_unit_name,
                       m.latest_members, m.latest_as_of],
    )  # fmt: skip


@login_required
def massorg_detail(request: HttpRequest, pk: int) -> HttpResponse:
    massorg = _get(request.user, pk)
    activities = selectors.activity_list(request.user, massorg=massorg)
    per_year = selectors.money_by_year(activities)
    chart = {
        "labels": [str(y) for y, _ in per_year],
        "values": [t for _, t in per_year],
        "label": "Số tiền ủng hộ, hỗ trợ (đồng)",
    }
    return render(
        request,
        "massorgs/massorg_detail.html",
        {
            "m": massorg,
            "terms": massorg.terms.all(),
            "counts": massorg.memberships.order_by("as_of"),
            "activities": activities[:100],
            "activity_count": activities.count(),
            "by_purpose": selectors.money_by_purpose(activities),
            "per_year": per_year,
            "chart_data": chart,
            "history": selectors.history("mass_organization", massorg.pk),
            "can_change": scope_of(request.user).covers_path(
                Action.MOBILIZE, massorg.party_org.path
            ),
        },
    )


def _party_orgs(user: Any) -> Any:
    return orgs_for(user, Action.MOBILIZE).filter(kind__in=rules.PARTY_ORG_KINDS)


def _massorg_form(request: HttpRequest, massorg: MassOrganization | None) -> HttpResponse:
    user = request.user
    data = request.POST if request.method == "POST" else None
    initial = (
        {"kind": massorg.kind, "party_org": massorg.party_org_id, "name": massorg.name,
         "host_unit_name": massorg.host_unit_name, "note": massorg.note}
        if massorg else {}
    )  # fmt: skip
    form = MassOrgForm(data, initial=versioned_initial(massorg, **initial), orgs=_party_orgs(user))
    if data is not None and form.is_valid():
        try:
            saved = services.massorg_save(massorg=massorg, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi tổ chức {saved.name}.")
            return redirect("massorgs:massorg_detail", pk=saved.pk)
    return render(request, "massorgs/massorg_form.html", {"form": form, "m": massorg})


@login_required
def massorg_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MOBILIZE, NO_RIGHT)
    return _massorg_form(request, None)


@login_required
def massorg_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _massorg_form(request, _for_change(request.user, pk))


def _child_form(
    request: HttpRequest, pk: int, form_class: type, title: str, save: Any
) -> HttpResponse:
    massorg = _for_change(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = form_class(data)
    if data is not None and form.is_valid():
        try:
            save(massorg, form)
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, f"Đã ghi: {title.lower()}.")
            return redirect("massorgs:massorg_detail", pk=massorg.pk)
    return render(request, "massorgs/child_form.html", {"m": massorg, "form": form, "title": title})


@login_required
def term_create(request: HttpRequest, pk: int) -> HttpResponse:
    def save(massorg: MassOrganization, form: TermForm) -> None:
        services.term_create(massorg=massorg, acting_user=request.user, **form.cleaned_data)

    return _child_form(request, pk, TermForm, "Đại hội, nhiệm kỳ", save)


@login_required
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    def save(massorg: MassOrganization, form: MembershipForm) -> None:
        services.membership_record(massorg=massorg, acting_user=request.user, **form.cleaned_data)

    return _child_form(request, pk, MembershipForm, "Số đoàn viên, hội viên", save)


@login_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    def save(massorg: MassOrganization, form: ActivityForm) -> None:
        services.activity_save(massorg=massorg, acting_user=request.user, **form.values())

    return _child_form(request, pk, ActivityForm, "Hoạt động", save)


def _activity_rows(request: HttpRequest, action: Action) -> tuple[ActivityFilterForm, Any]:
    form = ActivityFilterForm(request.GET or None, orgs=orgs_for(request.user, Action.VIEW))
    data = filters(form)
    rows = selectors.activity_list(
        request.user, action=action, query=data.get("q") or "", org=data.get("org"),
        kind=data.get("kind") or "", activity_kind=data.get("activity_kind") or "",
        purpose=data.get("purpose") or "", year=data.get("year"),
    )  # fmt: skip
    return form, rows


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW)
    form, rows = _activity_rows(request, Action.VIEW)
    by_purpose = selectors.money_by_purpose(rows)
    return render(
        request,
        "massorgs/activities.html",
        list_context(request, form, rows, by_purpose=by_purpose),
    )


@login_required
def activity_export(request: HttpRequest) -> HttpResponse:
    require_export(request.user)
    _form, rows = _activity_rows(request, Action.EXPORT)
    return export_response(
        request,
        rows=rows,
        object_type="massorg_activity",
        description=lambda n: f"Xuất danh sách hoạt động đoàn thể: {n} hoạt động",
        filename="hoat-dong-doan-the.xlsx",
        title="Hoạt động đoàn thể",
        headings=["Ngày", "Tổ chức đoàn thể", "Loại đoàn thể", "Loại hoạt động", "Nội dung",
                  "Mục đích", "Số tiền (đồng)", "Số nhà", "Đơn vị máu", "Số người được hỗ trợ",
                  "Ghi chú"],
        row=lambda a: [a.date, a.massorg.name, a.massorg.get_kind_display(), a.get_kind_display(),
                       a.title, a.get_purpose_display() if a.purpose else "", a.amount_vnd,
                       a.houses, a.blood_units, a.beneficiaries, a.notes],
    )  # fmt: skip


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_scoped_or_404(
        request.user, Action.VIEW, MassOrgActivity.objects.select_related("massorg__party_org"),
        pk=pk,
    )  # fmt: skip
    return render(
        request,
        "massorgs/activity_detail.html",
        {
            "a": activity,
            "history": selectors.history("massorg_activity", activity.pk),
            "can_change": scope_of(request.user).covers_path(
                Action.MOBILIZE, activity.massorg.party_org.path
            ),
        },
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    activity = get_scoped_or_404(
        user, Action.VIEW, MassOrgActivity.objects.select_related("massorg__party_org"), pk=pk
    )
    if not scope_of(user).covers_path(Action.MOBILIZE, activity.massorg.party_org.path):
        raise PermissionDenied(NO_RIGHT)
    data = request.POST if request.method == "POST" else None
    initial = {
        "date": activity.date, "kind": activity.kind, "title": activity.title,
        "purpose": activity.purpose, "amount_vnd": activity.amount_vnd or "",
        "houses": activity.houses, "blood_units": activity.blood_units,
        "beneficiaries": activity.beneficiaries, "notes": activity.notes,
    }  # fmt: skip
    form = ActivityForm(data, initial=versioned_initial(activity, **initial))
    if data is not None and form.is_valid():
        try:
            services.activity_save(
                activity=activity, massorg=activity.massorg, acting_user=user,
                expected_version=form.expected_version, **form.values(),
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors([form], exc)
        else:
            messages.success(request, "Đã sửa hoạt động.")
            return redirect("massorgs:activity_detail", pk=activity.pk)
    return render(
        request, "massorgs/child_form.html",
        {"m": activity.massorg, "form": form, "title": "Sửa hoạt động", "activity": activity},
    )  # fmt: skip
