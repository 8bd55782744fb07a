from __future__ import annotations

from typing import Any

from dangbo.accounts.models import AuditAction, AuditEntry


def audit_log(
    *,
    user: Any,
    action: AuditAction | str,
    object_type: str,
    description: str,
    object_id: object = "",
    request: Any = None,
) -> AuditEntry:
    """Record that someone read, exported or changed personal data."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        description=description[:500],
        ip_address=ip,
    )
