"""Role assignments with dates: granting, ending, and a new account with its first role.

A role counts only between its start and end days, both included, in the site's time
zone (core.scope.active_q). Ending never deletes: the row stays as history with who ended
it, when and why. Only holders of Action.MANAGE_ROLES (administrators, and superusers) may
grant or end, and only on organizations in their subtree; no page or service here makes a
superuser. Every grant and end is written to the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction, Role, RoleAssignment
from dangbo.core.scope import Action, scope_of
from dangbo.core.text import format_date
from dangbo.orgs.models import Organization

OBJECT_TYPE = "role_assignment"
NOT_ALLOWED = "Đồng chí không có quyền phân quyền trên tổ chức này."


def may_manage_roles(acting_user: Any, organization: Organization) -> bool:
    """Whether `acting_user` may grant and end roles on `organization` (its subtree)."""
    return scope_of(acting_user).covers_path(Action.MANAGE_ROLES, organization.path)


def _require_manage(acting_user: Any, organization: Organization, field: str) -> None:
    # acting_user None is the command line or the demo generator: the operator.
    if acting_user is not None and not may_manage_roles(acting_user, organization):
        raise ValidationError({field: NOT_ALLOWED})


def _overlapping(
    *, user: Any, role: str, organization: Organization, starts_on: dt.date | None,
    ends_on: dt.date | None,
) -> RoleAssignment | None:  # fmt: skip
    """An assignment of the same role on the same organization whose days meet these."""
    rows = RoleAssignment.objects.filter(user=user, role=role, organization=organization)
    if ends_on is not None:
        rows = rows.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=ends_on))
    if starts_on is not None:
        rows = rows.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    return rows.order_by("pk").first()


def _describe(a: RoleAssignment) -> str:
    who = a.user.get_full_name() or a.user.get_username()
    period = f"từ {format_date(a.starts_on) or 'trước'}" + (
        f" đến {format_date(a.ends_on)}" if a.ends_on else ""
    )
    login = a.user.get_username()
    return f"{Role(a.role).label} – {a.organization.name} của {who} ({login}), {period}"


@transaction.atomic
def role_grant(
    *,
    user: Any,
    role: str,
    organization: Organization,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    reason: str,
    acting_user: Any,
) -> RoleAssignment:
    """Give `user` the `role` on `organization` from `starts_on` (to `ends_on`, if set)."""
    _require_manage(acting_user, organization, "organization")
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = "Vai trò không hợp lệ."
    if organization.dissolved_on is not None:
        errors["organization"] = "Tổ chức đã giải thể; không phân quyền được."
    if starts_on is None:
        errors["starts_on"] = "Hãy ghi ngày bắt đầu."
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = (
            f"Ngày kết thúc không được trước ngày bắt đầu ({format_date(starts_on)})."
        )
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Hãy ghi căn cứ phân quyền (số quyết định, văn bản)."
    if errors:
        raise ValidationError(errors)
    # Lock the user's row: two grants of one role at once cannot both pass the check.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    other = _overlapping(
        user=user, role=role, organization=organization, starts_on=starts_on, ends_on=ends_on
    )
    if other is not None:
        until = f" đến {format_date(other.ends_on)}" if other.ends_on else " (chưa kết thúc)"
        raise ValidationError({"role": (
            f"Đồng chí {user.get_username()} đã có vai trò {Role(role).label} tại "
            f"{organization.name} từ {format_date(other.starts_on) or 'trước'}{until}, "
            "trùng thời gian."
        )})  # fmt: skip
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        organization=organization,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=acting_user,
        granted_at=timezone.now(),
        grant_reason=reason[:255],
    )
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type=OBJECT_TYPE,
        object_id=assignment.pk,
        description=f"Cấp vai trò {_describe(assignment)}. Căn cứ: {reason}",
    )
    return assignment


@transaction.atomic
def role_end(
    *, assignment: RoleAssignment, ends_on: dt.date | None, reason: str, acting_user: Any
) -> RoleAssignment:
    """End `assignment` on `ends_on` (that day still counts; the day before its start
    cancels a planned role). The row stays as history."""
    assignment = (
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("user", "organization")
        .get(pk=assignment.pk)
    )
    _require_manage(acting_user, assignment.organization, "ends_on")
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if assignment.ended_at is not None or (
        assignment.ends_on is not None and assignment.ends_on < today
    ):
        raise ValidationError("Phân quyền này đã kết thúc; lịch sử không sửa được.")
    if ends_on is None:
        errors["ends_on"] = "Hãy ghi ngày kết thúc."
    elif ends_on < today - dt.timedelta(days=1):
        errors["ends_on"] = (
            f"Ngày kết thúc sớm nhất là hôm qua ({format_date(today - dt.timedelta(days=1))}): "
            "những ngày vai trò đã có hiệu lực không xóa lùi được."
        )
    elif assignment.starts_on and ends_on < assignment.starts_on - dt.timedelta(days=1):
        errors["ends_on"] = (
            f"Ngày kết thúc không được trước ngày bắt đầu ({format_date(assignment.starts_on)})."
        )
    elif assignment.ends_on is not None and ends_on > assignment.ends_on:
        errors["ends_on"] = (
            f"Vai trò đã định kết thúc ngày {format_date(assignment.ends_on)}; "
            "muốn kéo dài, hãy cấp một phân quyền mới."
        )
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Hãy ghi lý do kết thúc."
    if errors:
        raise ValidationError(errors)
    assignment.ends_on = ends_on
    assignment.ended_by = acting_user
    assignment.ended_at = timezone.now()
    assignment.end_reason = reason[:255]
    assignment.save(update_fields=["ends_on", "ended_by", "ended_at", "end_reason"])
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type=OBJECT_TYPE,
        object_id=assignment.pk,
        description=f"Kết thúc vai trò {_describe(assignment)}. Lý do: {reason}",
    )
    return assignment


@transaction.atomic
def user_create(
    *,
    username: str,
    full_name: str,
    email: str,
    password: str,
    role: str,
    organization: Organization,
    starts_on: dt.date | None,
    reason: str,
    acting_user: Any,
) -> Any:
    """A new account (never a superuser) with its first role, so that the administrator
    who made it keeps seeing it in his subtree. The password passes Django's validators."""
    User = get_user_model()
    _require_manage(acting_user, organization, "organization")
    username = (username or "").strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = ["Hãy ghi tên đăng nhập."]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [f"Tên đăng nhập “{username}” đã có người dùng."]
    user = User(username=username, first_name=(full_name or "").strip(), email=email or "")
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="user",
        object_id=user.pk,
        description=f"Tạo tài khoản {username} ({user.first_name})",
    )
    role_grant(
        user=user, role=role, organization=organization, starts_on=starts_on, reason=reason,
        acting_user=acting_user,
    )  # fmt: skip
    return user
