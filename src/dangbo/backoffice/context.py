from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dangbo.core.scope import Action, scope_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    return {
        "nav_scope": scope,
        "nav_can_audit": scope.allows(Action.VIEW_AUDIT),
        "nav_can_import": scope.allows(Action.IMPORT),
    }
