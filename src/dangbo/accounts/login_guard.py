"""Login events: audit rows, the pause after a failure, the lockout page, session marks.

django-axes counts the failures and refuses a locked account or address (settings,
"# --- login"); this module writes what happened to the audit log and answers the lockout
with the site's own login page in Vietnamese.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction

# Session keys: when the password was accepted, the last request, and whether the
# second factor is still owed by this session.
LOGIN_AT = "dangbo_login_at"
SEEN_AT = "dangbo_seen_at"
SECOND_FACTOR_OWED = "dangbo_2fa_owed"
# The most a single failed login waits, in multiples of DANGBO_LOGIN_FAILURE_DELAY.
_MAX_DELAY_STEPS = 3


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "Tài khoản hoặc địa chỉ máy này đã đăng nhập sai quá nhiều lần và bị khóa tạm thời. "
        f"Hãy thử lại sau {minutes} phút hoặc liên hệ quản trị hệ thống."
    )


def second_factor_required(user: Any) -> bool:
    """Administrators (superusers, Django admin staff, holders of Role.ADMIN) must use a
    second factor, unless the deployment turns it off (DANGBO_2FA_REQUIRED=0)."""
    if not settings.DANGBO_2FA_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    from dangbo.accounts.selectors import is_administrator

    return bool(user.is_staff) or is_administrator(user)


def _account(username: str | None) -> Any:
    if not username:
        return None
    model = get_user_model()
    return model.objects.filter(**{model.USERNAME_FIELD: username}).first()


def on_login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    username = credentials.get("username") or ""
    locked = bool(getattr(request, "axes_locked_out", False))
    audit_log(
        user=_account(username),
        action=AuditAction.LOGIN_FAILED,
        object_type="login",
        object_id=username[:64],
        description=(
            f"Đăng nhập sai với tài khoản “{username}”"
            + (" (đang bị khóa tạm thời)" if locked else "")
        ),
        request=request,
    )
    if request is not None and not locked:
        failures = int(getattr(request, "axes_failures_since_start", 1) or 1)
        pause = settings.DANGBO_LOGIN_FAILURE_DELAY * min(failures, _MAX_DELAY_STEPS)
        if pause > 0:
            time.sleep(pause)


def on_locked_out(
    sender: Any, request: Any = None, username: str | None = None, **kwargs: Any
) -> None:
    audit_log(
        user=_account(username),
        action=AuditAction.LOCKOUT,
        object_type="login",
        object_id=(username or "")[:64],
        description=(
            f"Khóa tạm thời đăng nhập của tài khoản “{username or ''}” từ địa chỉ "
            f"{kwargs.get('ip_address') or '?'} sau nhiều lần đăng nhập sai"
        ),
        request=request,
    )


def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from django_otp import devices_for_user

    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[LOGIN_AT] = now
        session[SEEN_AT] = now
        # A user with a confirmed device owes its code before anything else (the
        # middleware asks); administrators owe one whether they have a device or not.
        session[SECOND_FACTOR_OWED] = any(True for _ in devices_for_user(user))
    audit_log(
        user=user,
        action=AuditAction.LOGIN,
        object_type="login",
        object_id=user.pk,
        description=f"Đăng nhập bằng mật khẩu: {user.get_username()}",
        request=request,
    )


def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    audit_log(
        user=user,
        action=AuditAction.LOGOUT,
        object_type="login",
        object_id=user.pk,
        description=f"Đăng xuất: {user.get_username()}",
        request=request,
    )


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked login: the site's login page with the reason."""
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username")})
    context = {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "backoffice/login.html", context, status=429)


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_login_failed.connect(on_login_failed, dispatch_uid="dangbo_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="dangbo_locked_out")
    user_logged_in.connect(on_logged_in, dispatch_uid="dangbo_logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="dangbo_logged_out")
