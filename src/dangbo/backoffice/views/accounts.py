"""Accounts and their dated roles, for those who hold Action.MANAGE_ROLES.

The list shows the accounts with a role (now or once) in the administrator's subtree; a
user's page shows his current, planned and ended roles there, the grant form and an end
form per role; an organization's page shows who holds which role there, with history.
Everything is read through accounts.selectors (404 alike for missing and not yours) and
written by accounts.services (audited, Vietnamese errors next to the fields).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts import services
from dangbo.accounts.audit import audit_log
from dangbo.accounts.forms import AccountCreateForm, AccountFilterForm, RoleEndForm, RoleGrantForm
from dangbo.accounts.models import AuditAction, RoleAssignment
from dangbo.accounts.selectors import managed_assignments, managed_users
from dangbo.core.listing import export_response, list_context
from dangbo.core.scope import Action, get_scoped_or_404, scope_of
from dangbo.core.text import format_date
from dangbo.orgs.forms import apply_service_errors
from dangbo.orgs.models import Organization

NOT_ALLOWED = "Đồng chí không có quyền quản lý tài khoản và phân quyền."


def _require_manage(user: Any) -> None:
    if not scope_of(user).allows(Action.MANAGE_ROLES):
        raise PermissionDenied(NOT_ALLOWED)


def _filtered(request: HttpRequest) -> tuple[AccountFilterForm, Any]:
    form = AccountFilterForm(request.GET or None)
    query = form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else ""
    return form, managed_users(request.user, query or "")


def _roles_text(account: Any) -> str:
    roles = account.current_roles
    return "; ".join(f"{r.get_role_display()} – {r.organization.name}" for r in roles)


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    _require_manage(request.user)
    form, accounts = _filtered(request)
    context = list_context(request, form, accounts, can_export=True)
    return render(request, "backoffice/accounts/list.html", context)


@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    _require_manage(request.user)
    _form, accounts = _filtered(request)
    return export_response(
        request,
        rows=accounts,
        object_type="user",
        description=lambda n: f"Xuất danh sách tài khoản: {n} dòng",
        filename=f"tai-khoan-{timezone.localdate():%Y%m%d}.xlsx",
        title="Tài khoản và vai trò",
        headings=["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò đang có",
                  "Đăng nhập lần cuối", "Trạng thái"],
        row=lambda u: [
            u.username, u.get_full_name(), u.email, _roles_text(u),
            format_date(timezone.localtime(u.last_login).date()) if u.last_login else "",
            "Đang dùng" if u.is_active else "Đã khóa",
        ],
    )  # fmt: skip


def _account_or_404(request: HttpRequest, pk: int) -> Any:
    _require_manage(request.user)
    account = managed_users(request.user).filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


def _split(rows: list[RoleAssignment]) -> dict[str, list[RoleAssignment]]:
    """Current (active today), planned (not started) and ended roles."""
    today = timezone.localdate()
    parts: dict[str, list[RoleAssignment]] = {"current": [], "planned": [], "ended": []}
    for row in rows:
        if row.ends_on is not None and row.ends_on < today:
            parts["ended"].append(row)
        elif row.starts_on is not None and row.starts_on > today:
            parts["planned"].append(row)
        else:
            parts["current"].append(row)
    parts["ended"].sort(key=lambda r: r.ends_on or today, reverse=True)
    return parts


def _detail(request: HttpRequest, account: Any, grant_form: RoleGrantForm) -> HttpResponse:
    rows = list(
        managed_assignments(request.user)
        .filter(user=account)
        .order_by("organization__path", "role", "starts_on", "pk")
    )
    context = {
        "account": account,
        "grant_form": grant_form,
        "end_form": RoleEndForm(initial={"ends_on": timezone.localdate()}),
        **_split(rows),
    }
    return render(request, "backoffice/accounts/detail.html", context)


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)
    audit_log(
        user=request.user,
        action=AuditAction.VIEW,
        object_type="user",
        object_id=account.pk,
        description=f"Xem tài khoản và phân quyền của {account.get_username()}",
        request=request,
    )
    return _detail(request, account, RoleGrantForm(user=request.user))


@login_required
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)
    form = RoleGrantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_grant(
                user=account, role=data["role"], organization=data["organization"],
                starts_on=data["starts_on"], ends_on=data["ends_on"], reason=data["reason"],
                acting_user=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Đã cấp vai trò cho {account.get_username()}.")
            return redirect("backoffice:account_detail", pk=account.pk)
    return _detail(request, account, form)


@login_required
def role_end(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request.user)
    assignment = get_scoped_or_404(
        request.user, Action.MANAGE_ROLES, managed_assignments(request.user), pk=pk
    )
    initial = {"ends_on": timezone.localdate()}
    form = RoleEndForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_end(
                assignment=assignment, ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"], acting_user=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Đã kết thúc vai trò {assignment.get_role_display()}.")
            return redirect("backoffice:account_detail", pk=assignment.user_id)
    return render(request, "backoffice/accounts/end.html", {"assignment": assignment, "form": form})


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    _require_manage(request.user)
    form = AccountCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.user_create(
                username=data["username"], full_name=data["full_name"], email=data["email"],
                password=data["password"], role=data["role"], organization=data["organization"],
                starts_on=data["starts_on"], reason=data["reason"], acting_user=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Đã tạo tài khoản {account.get_username()}.")
            return redirect("backoffice:account_detail", pk=account.pk)
    return render(request, "backoffice/accounts/create.html", {"form": form})


@login_required
def org_roles(request: HttpRequest, pk: int) -> HttpResponse:
    """Who holds which role on one organization: current, planned and ended."""
    _require_manage(request.user)
    org = get_scoped_or_404(request.user, Action.VIEW, Organization.objects.all(), pk=pk)
    if not services.may_manage_roles(request.user, org):
        raise PermissionDenied(NOT_ALLOWED)
    rows = list(
        managed_assignments(request.user)
        .filter(organization=org)
        .order_by("role", "user__username", "starts_on", "pk")
    )
    return render(request, "backoffice/accounts/org.html", {"org": org, **_split(rows)})
