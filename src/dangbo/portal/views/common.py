from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from dangbo.core.scope import Action, scope_of


def require(user: Any, action: Action, message: str = "") -> None:
    if not scope_of(user).allows(action):
        raise PermissionDenied(message or "Đồng chí không có quyền truy cập trang này.")


def require_news(user: Any) -> None:
    require(user, Action.WRITE_NEWS, "Trang này dành cho cán bộ viết và biên tập tin bài.")
