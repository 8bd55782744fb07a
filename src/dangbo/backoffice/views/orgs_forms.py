"""Changes to the tree and the committees, for users allowed to manage organizations.

Every view loads its object through scope (404 when not visible), then requires
Action.MANAGE_ORGS on it (403), and calls one service; the service's
ValidationError is shown next to the fields and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangbo.core.locking import versioned_initial
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.orgs import forms as org_forms
from dangbo.orgs import services
from dangbo.orgs.models import CommitteeSeat, Organization, Term


def _require_manage(user: Any, org: Organization) -> None:
    if not scope_of(user).covers_path(Action.MANAGE_ORGS, org.path):
        raise PermissionDenied("Bạn không có quyền thay đổi tổ chức này.")


def _managed_org(request: HttpRequest, pk: int) -> Organization:
    org = get_scoped_or_404(request.user, Action.VIEW, Organization.objects.all(), pk=pk)
    _require_manage(request.user, org)
    return org


def _form_page(
    request: HttpRequest,
    *,
    org: Organization,
    form: forms.Form,
    title: str,
    submit: str,
    save: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    intro: str = "",
    danger: bool = False,
    template: str = "backoffice/orgs/form.html",
    extra: dict[str, Any] | None = None,
    refuse: str = "",
) -> HttpResponse:
    """Render `form`; on a valid POST call `save(cleaned_data)` and redirect to
    `done(result)`, or show the service's errors on the form. `refuse` explains why
    the change cannot be made at all."""
    if org.dissolved_on is not None:
        refuse = "Tổ chức đã giải thể; không thể thay đổi."
    if not refuse and request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            org_forms.apply_service_errors(form, exc)
        else:
            messages.success(request, f"{title}: đã lưu.")
            return redirect(done(result))
    context = {
        "org": org,
        "form": form,
        "title": title,
        "submit": submit,
        "intro": intro,
        "danger": danger,
        "refusal": refuse,
        **(extra or {}),
    }
    return render(request, template, context)


def _detail(org: Any) -> str:
    return reverse("backoffice:org_detail", args=[org.pk])


@login_required
def org_create_child(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _managed_org(request, pk)
    form = org_forms.OrgCreateForm(request.POST or None, parent=parent)
    return _form_page(
        request,
        org=parent,
        form=form,
        title="Thành lập tổ chức trực thuộc",
        submit="Thành lập",
        intro=f"Tổ chức mới trực thuộc {parent.name}.",
        save=lambda data: services.org_create(parent=parent, acting_user=request.user, **data),
        done=_detail,
    )


@login_required
def org_rename(request: HttpRequest, pk: int) -> HttpResponse:
    org = _managed_org(request, pk)
    initial = versioned_initial(org, name=org.name, code=org.code)
    form = org_forms.OrgRenameForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        org=org,
        form=form,
        title="Đổi tên, mã tổ chức",
        submit="Lưu",
        intro="Tên và mã cũ vẫn được giữ cho các số liệu trước ngày hiệu lực.",
        save=lambda data: services.org_rename(org=org, acting_user=request.user, **data),
        done=_detail,
    )


@login_required
def org_move(request: HttpRequest, pk: int) -> HttpResponse:
    org = _managed_org(request, pk)
    form = org_forms.OrgMoveForm(
        request.POST or None, org=org, user=request.user, initial=versioned_initial(org)
    )
    return _form_page(
        request,
        org=org,
        form=form,
        title="Chuyển trực thuộc",
        submit="Chuyển",
        intro="Các tổ chức trực thuộc và đảng viên chuyển theo; "
        "số liệu trước ngày hiệu lực không thay đổi.",
        save=lambda data: services.org_move(org=org, acting_user=request.user, **data),
        done=_detail,
    )


@login_required
def org_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    org = _managed_org(request, pk)
    form = org_forms.OrgDissolveForm(request.POST or None, initial=versioned_initial(org))
    return _form_page(
        request,
        org=org,
        form=form,
        title="Giải thể tổ chức",
        submit="Giải thể",
        danger=True,
        intro="Chỉ giải thể được khi không còn đảng viên và tổ chức trực thuộc đang hoạt động.",
        save=lambda data: services.org_dissolve(org=org, acting_user=request.user, **data),
        done=_detail,
    )


@login_required
def org_merge(request: HttpRequest, pk: int) -> HttpResponse:
    org = _managed_org(request, pk)
    form = org_forms.OrgMergeForm(request.POST or None, org=org, user=request.user)

    def save(data: dict[str, Any]) -> Organization:
        target = data["target"]
        _require_manage(request.user, target)
        return services.org_merge(
            sources=[org],
            target=target,
            date=data["date"],
            decision_number=data["decision_number"],
            acting_user=request.user,
        )

    return _form_page(
        request,
        org=org,
        form=form,
        title="Hợp nhất, sáp nhập",
        submit="Hợp nhất",
        danger=True,
        intro=f"{org.name} sẽ giải thể; tổ chức trực thuộc và đảng viên chuyển về tổ chức "
        "được chọn.",
        save=save,
        done=_detail,
    )


@login_required
def term_create(request: HttpRequest, pk: int) -> HttpResponse:
    org = _managed_org(request, pk)
    form = org_forms.TermForm(request.POST or None)
    return _form_page(
        request,
        org=org,
        form=form,
        title="Thêm nhiệm kỳ",
        submit="Thêm",
        save=lambda data: services.term_create(org=org, acting_user=request.user, **data),
        done=lambda term: _detail(org),
    )


@login_required
def seat_create(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_scoped_or_404(request.user, Action.VIEW, Term.objects.select_related("org"), pk=pk)
    _require_manage(request.user, term.org)
    form = org_forms.SeatForm(request.POST or None, org=term.org, user=request.user)
    return _form_page(
        request,
        org=term.org,
        form=form,
        title=f"Thêm cấp ủy viên nhiệm kỳ {term.name}",
        submit="Thêm",
        save=lambda data: services.seat_create(term=term, acting_user=request.user, **data),
        done=lambda seat: _detail(term.org),
    )


@login_required
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    seat = get_scoped_or_404(
        request.user,
        Action.VIEW,
        CommitteeSeat.objects.select_related("term__org", "member__person"),
        pk=pk,
    )
    org = seat.term.org
    _require_manage(request.user, org)
    form = org_forms.SeatEndForm(request.POST or None, initial=versioned_initial(seat))
    return _form_page(
        request,
        org=org,
        form=form,
        title="Kết thúc chức vụ cấp ủy",
        submit="Lưu",
        intro=f"{seat.get_position_display()}: {seat.member.person.full_name}.",
        save=lambda data: services.seat_end(seat=seat, acting_user=request.user, **data),
        done=lambda _seat: _detail(org),
    )
