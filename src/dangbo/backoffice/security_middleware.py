"""Session lifetimes and the second factor, checked once for every request."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from dangbo.accounts.login_guard import LOGIN_AT, SECOND_FACTOR_OWED, SEEN_AT
from dangbo.accounts.login_guard import second_factor_required as _required

# Writing the last-seen time at most this often keeps most requests free of a session save.
_SEEN_RESOLUTION = 60
# What a session that still owes its second factor may open.
SECOND_FACTOR_OPEN = frozenset(
    {
        "backoffice:two_factor_verify",
        "backoffice:two_factor_enrol",
        "backoffice:login",
        "backoffice:logout",
    }
)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _to_login(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
    return redirect(reverse("backoffice:login") + (f"?{query}" if query else ""))


class SessionLifetimeMiddleware:
    """Logs out a session idle for DANGBO_SESSION_IDLE_SECONDS or older than
    DANGBO_SESSION_MAX_SECONDS; the user lands on the login page with the reason."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get(LOGIN_AT) or now
            seen = session.get(SEEN_AT) or now
            reason = None
            if now - started > settings.DANGBO_SESSION_MAX_SECONDS:
                hours = settings.DANGBO_SESSION_MAX_SECONDS // 3600
                reason = f"Phiên làm việc đã quá {hours} giờ; hãy đăng nhập lại."
            elif now - seen > settings.DANGBO_SESSION_IDLE_SECONDS:
                minutes = settings.DANGBO_SESSION_IDLE_SECONDS // 60
                reason = (
                    f"Phiên làm việc đã hết hạn sau {minutes} phút không thao tác; "
                    "hãy đăng nhập lại."
                )
            if reason is not None:
                logout(request)
                if not _is_api(request):
                    messages.warning(request, reason)
                    return _to_login(request)
            else:
                if LOGIN_AT not in session:
                    session[LOGIN_AT] = started
                if now - seen >= _SEEN_RESOLUTION or SEEN_AT not in session:
                    session[SEEN_AT] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """A session that owes its second factor (an administrator, or anyone with a confirmed
    device) reaches only the verification and enrolment pages and the logout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))
            and not user.is_verified()
            and (request.session.get(SECOND_FACTOR_OWED) or _required(user))
        ):
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if name not in SECOND_FACTOR_OPEN:
                return self._refuse(request, user)
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, user: Any) -> HttpResponse:
        if _is_api(request):
            return JsonResponse(
                {"detail": "Cần xác thực hai bước trước khi dùng API bằng phiên đăng nhập."},
                status=403,
            )
        from dangbo.accounts.two_factor import has_second_factor

        target = (
            "backoffice:two_factor_verify"
            if has_second_factor(user)
            else "backoffice:two_factor_enrol"
        )
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(target) + (f"?{query}" if query else ""))
