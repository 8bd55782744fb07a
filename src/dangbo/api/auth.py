"""Who is calling: a browser session (with CSRF on unsafe methods) or a bearer token."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from dangbo.accounts.models import Role
from dangbo.accounts.tokens import api_token_user
from dangbo.api.schemas import UNAUTHORIZED
from dangbo.core.scope import scope_of
from dangbo.orgs.models import Organization


class Session(SessionAuth):
    """django-ninja's session auth, answering 401 (not a CSRF 403) to anonymous callers."""

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise HttpError(403, "Thiếu hoặc sai mã CSRF; hãy tải lại trang rồi thử lại.")
        return user


class Bearer(HttpBearer):
    """`Authorization: Bearer <token>`, a token from `dangbo manage issue_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = api_token_user(token.strip())
        if user is not None:
            request.user = user
        return user


# A bearer header, when present, wins: a script has no session and sends no CSRF token.
AUTH = [Bearer(), Session()]

router = Router(tags=["Tài khoản"])


class RoleOut(Schema):
    role: str
    role_label: str
    org_code: str
    org_name: str


class MeOut(Schema):
    username: str
    full_name: str
    is_superuser: bool
    roles: list[RoleOut]


@router.get(
    "/me", response={200: MeOut, **UNAUTHORIZED}, summary="Người dùng hiện tại và các vai trò"
)
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.auth  # type: ignore[attr-defined]
    labels = dict(Role.choices)
    scope = scope_of(user)
    orgs = Organization.objects.in_bulk([org_id for _, org_id, _ in scope.roles])
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "is_superuser": scope.is_superuser,
        "roles": [
            {
                "role": role,
                "role_label": str(labels.get(role, role)),
                "org_code": orgs[org_id].code,
                "org_name": orgs[org_id].name,
            }
            for role, org_id, _path in scope.roles
        ],
    }
