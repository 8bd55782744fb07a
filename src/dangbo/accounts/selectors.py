from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dangbo.accounts.models import AuditEntry
from dangbo.core.scope import Action, scope_of


def audit_entries_for(user: Any) -> QuerySet[AuditEntry]:
    scope = scope_of(user)
    if not scope.allows(Action.VIEW_AUDIT):
        return AuditEntry.objects.none()
    return AuditEntry.objects.select_related("user")
