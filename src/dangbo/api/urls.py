"""The JSON API (django-ninja). Every endpoint answers within the caller's scope.

Authentication: a browser session (CSRF on unsafe methods) or `Authorization: Bearer
<token>` (`dangbo manage issue_token USERNAME`). Schema at /api/openapi.json, docs at
/api/docs (served offline).
"""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, ValidationError
from ninja.renderers import JSONRenderer

from dangbo.api import auth, docs, indicators, members, orgs


class Renderer(JSONRenderer):
    # Vietnamese stays readable in the JSON.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Đảng bộ số API",
    version="1",
    description="Tổ chức đảng, đảng viên, sự kiện đảng tịch và chỉ tiêu thống kê, theo phạm vi "
    "phân quyền của người dùng. Xác thực bằng phiên đăng nhập của trang quản lý (kèm mã CSRF "
    "khi gửi dữ liệu) hoặc bằng tiêu đề `Authorization: Bearer <mã>` (cấp bằng lệnh "
    "`dangbo manage issue_token TÊN_ĐĂNG_NHẬP`).",
    urls_namespace="api",
    auth=auth.AUTH,
    docs=docs.OfflineSwagger(),
    renderer=Renderer(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Chưa đăng nhập hoặc mã truy cập không hợp lệ."}, status=401
    )


@api.exception_handler(AuthorizationError)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Missing and outside the caller's scope look the same.
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # loc is (source, [body parameter,] field...): keep the field.
        parts = [str(p) for p in error.get("loc", ())[1:]]
        if parts and parts[0] == "payload":
            parts = parts[1:]
        field = ".".join(parts) or "__all__"
        errors.setdefault(field, []).append(_vietnamese(error))
    detail = "Dữ liệu gửi lên không hợp lệ: " + "; ".join(
        f"{field}: {', '.join(msgs)}" for field, msgs in errors.items()
    )
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


_PYDANTIC_MESSAGES = {
    "missing": "bắt buộc phải có",
    "date_from_datetime_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_type": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "int_parsing": "phải là số nguyên",
    "bool_parsing": "phải là true hoặc false",
    "string_type": "phải là chuỗi ký tự",
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
    "json_invalid": "JSON không hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
}


def _vietnamese(error: dict[str, Any]) -> str:
    if error.get("type") in ("enum", "literal_error"):
        expected = str((error.get("ctx") or {}).get("expected", ""))
        return f"giá trị không hợp lệ, phải là một trong: {expected}".rstrip(": ")
    return _PYDANTIC_MESSAGES.get(str(error.get("type")), "giá trị không hợp lệ")


@api.get("/docs/swagger-ui.css", auth=None, include_in_schema=False, url_name="docs-asset-css")
def _docs_css(request: HttpRequest) -> FileResponse:
    return docs.asset("swagger-ui.css")


@api.get(
    "/docs/swagger-ui-bundle.js", auth=None, include_in_schema=False, url_name="docs-asset-bundle"
)
def _docs_bundle(request: HttpRequest) -> FileResponse:
    return docs.asset("swagger-ui-bundle.js")


@api.get("/docs/swagger-ui-init.js", auth=None, include_in_schema=False, url_name="docs-asset-init")
def _docs_init(request: HttpRequest) -> FileResponse:
    return docs.asset("swagger-ui-init.js")


api.add_router("", auth.router)
api.add_router("", orgs.router)
api.add_router("", members.router)
api.add_router("", indicators.router)
