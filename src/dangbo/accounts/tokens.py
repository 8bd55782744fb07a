"""API tokens: issued once in clear, stored as a SHA-256 digest, looked up by digest."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import ApiToken, AuditAction


@transaction.atomic
def api_token_issue(*, user: Any, name: str, acting_user: Any = None) -> tuple[ApiToken, str]:
    """Create a token for `user`; the raw token is returned here and never stored."""
    token, raw = ApiToken.issue(user=user, name=name)
    audit_log(
        user=acting_user or user,
        action=AuditAction.CHANGE,
        object_type="api_token",
        object_id=token.pk,
        description=f"Cấp mã truy cập API “{name}” cho {user.get_username()}",
    )
    return token, raw


def api_token_user(raw: str) -> Any | None:
    """The active user a raw token belongs to (recording its use), or None."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.hash(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
