"""API tokens: issued once in clear, stored as a SHA-256 digest, looked up by digest.

A token authenticates nobody once past its expiry or revoked (docs/SECURITY.md, "Login")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import ApiToken, AuditAction

# The longest a token may be issued for.
MAX_DAYS = 366


@transaction.atomic
def api_token_issue(
    *, user: Any, name: str, acting_user: Any = None, days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `user` valid `days` (DANGBO_API_TOKEN_DAYS by default); the raw
    token is returned here and never stored."""
    days = settings.DANGBO_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"Thời hạn của mã phải từ 1 đến {MAX_DAYS} ngày.")
    token, raw = ApiToken.issue(user=user, name=name)
    token.expires_at = timezone.now() + dt.timedelta(days=days)
    token.save(update_fields=["expires_at"])
    audit_log(
        user=acting_user or user,
        action=AuditAction.CHANGE,
        object_type="api_token",
        object_id=token.pk,
        description=(
            f"Cấp mã truy cập API “{name}” cho {user.get_username()}, "
            f"hạn đến {timezone.localtime(token.expires_at):%d/%m/%Y}"
        ),
    )
    return token, raw


def api_token_active_q(now: dt.datetime | None = None) -> Q:
    now = now or timezone.now()
    # A token without an expiry authenticates nobody (accounts 0007 gave the old ones one).
    return Q(revoked_at__isnull=True, expires_at__gt=now)


def api_token_user(raw: str) -> Any | None:
    """The active user a valid token belongs to (recording its use), or None: unknown,
    expired and revoked tokens alike."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(api_token_active_q(), digest=ApiToken.hash(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api_tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    """A user's own tokens; an administrator also sees those of everyone holding a role
    within the organizations they administer (a superuser: all)."""
    tokens = ApiToken.objects.select_related("user", "revoked_by").order_by("-created_at")
    if user.is_superuser:
        return tokens
    # Through the one scope function (MANAGE_ROLES): the accounts this user administers.
    from dangbo.accounts.selectors import managed_assignments

    managed = managed_assignments(user).values("user_id")
    return tokens.filter(Q(user=user) | Q(user_id__in=managed))


@transaction.atomic
def api_token_revoke(*, token: ApiToken, acting_user: Any = None, request: Any = None) -> bool:
    """Revoke a token (False if it was already revoked); audited."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(),
        revoked_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    if not updated:
        return False
    token.refresh_from_db()
    audit_log(
        user=acting_user,
        action=AuditAction.CHANGE,
        object_type="api_token",
        object_id=token.pk,
        description=f"Thu hồi mã truy cập API “{token.name}” của {token.user.get_username()}",
        request=request,
    )
    return True


def api_token_state(token: ApiToken, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "Đã thu hồi"
    if token.expires_at is None or token.expires_at <= now:
        return "Hết hạn"
    return "Còn hiệu lực"
