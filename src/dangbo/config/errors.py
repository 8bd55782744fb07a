"""Vietnamese 404, 403 and 500 pages in the site's layout: the back office's under
/quan-ly/, the portal's elsewhere, JSON under /api/. Never Django's debug page or URL list.

The 500 page is a plain template rendered without the request or the database, which may be
what broke."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

BACK_OFFICE = ("/quan-ly/", "/django-admin/")
NOT_FOUND = "Không tìm thấy trang này: địa chỉ có thể đã đổi hoặc không còn."
DENIED = "Đồng chí không có quyền thực hiện thao tác này."
TITLES = {"400": "Yêu cầu không hợp lệ", "403": "Không được phép", "404": "Không tìm thấy trang"}


def _side(request: HttpRequest) -> str:
    if getattr(settings, "DANGBO_PORTAL_ONLY", False):
        return "portal"
    if request.path.startswith("/api/"):
        return "api"
    return "backoffice" if request.path.startswith(BACK_OFFICE) else "portal"


def _portal_context() -> dict[str, Any]:
    """The portal's furniture (menu, latest news); none if its database cannot answer."""
    try:
        from dangbo.portal_public.views import _furniture

        return _furniture()
    except Exception:  # an error page must render whatever else is broken
        logger.exception("the portal's furniture could not be read for an error page")
        return {}


def _render(request: HttpRequest, kind: str, status: int, message: str) -> HttpResponse:
    side = _side(request)
    if side == "api":
        return JsonResponse({"detail": message}, status=status)
    context: dict[str, Any] = {"title": TITLES[kind], "message": message, "status": status}
    if side == "portal":
        context.update(_portal_context())
        template = "portal_public/errors/page.html"
    elif kind == "403":
        template, context["exception"] = "403.html", message  # the page that says why
    else:
        template = "backoffice/errors/page.html"
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404", 404, NOT_FOUND)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The back office's refusals say why (PermissionDenied("...") in Vietnamese).
    reason = str(exception) if exception and str(exception) else DENIED
    return _render(request, "403", 403, reason)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Our own BadRequest("...") says why in Vietnamese; Django's SuspiciousOperation texts
    # (English, and about the server) are never shown.
    reason = str(exception) if type(exception) is BadRequest and str(exception) else ""
    return _render(request, "400", 400, reason or "Yêu cầu không hợp lệ.")


def server_error(request: HttpRequest) -> HttpResponse:
    side = "portal" if _side(request) == "portal" else "backoffice"
    try:
        body = loader.get_template("errors/500.html").render({"side": side})
    except Exception:
        body = "<!doctype html><title>Lỗi hệ thống</title><h1>Đã có lỗi hệ thống</h1>"
    return HttpResponseServerError(body)
