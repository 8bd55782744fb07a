"""Refuse a request whose address or parameters carry a NUL character.

PostgreSQL text cannot hold NUL (0x00): a search box or an API filter given one reached the
database and answered 500. Forms refuse it field by field (Django's validator); this one
place covers what is read straight from the query string or a JSON body, on every page, the
API and the portal (docs/SECURITY.md, "Edge inputs")."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse

MESSAGE = "Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL)."


def _nul_in(request: HttpRequest) -> str | None:
    """The name of the first part that carries a NUL, or None."""
    if "\x00" in request.path:
        return "path"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "")
    if request.content_type == "application/json" and request.method in ("POST", "PUT", "PATCH"):
        body = request.body
        if b"\x00" in body or b"\\u0000" in body:
            return "body"
    return None


def reject_nul(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    def middleware(request: HttpRequest) -> HttpResponse:
        name = _nul_in(request)
        if name is None:
            return get_response(request)
        if request.path.startswith("/api/"):
            # The API's declared answer for a refused parameter (api.schemas.INVALID).
            return JsonResponse({"detail": MESSAGE, "errors": {name: [MESSAGE]}}, status=422)
        raise BadRequest(MESSAGE)  # the Vietnamese 400 page (config.errors)

    return middleware
