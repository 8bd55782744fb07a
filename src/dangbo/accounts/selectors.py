from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dangbo.accounts.models import AuditAction, AuditEntry, Role
from dangbo.core.scope import Action, scope_of
from dangbo.orgs.models import Organization


def audit_entries_for(user: Any) -> QuerySet[AuditEntry]:
    """The audit log an auditor may read: all of it from the top of the tree; below the top,
    only what was done by people placed in the auditor's subtree (entries name people)."""
    scope = scope_of(user)
    if not scope.allows(Action.VIEW_AUDIT):
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.select_related("user")
    prefixes = scope.root_paths(Action.VIEW_AUDIT)
    if scope.is_superuser or any(len(p) == Organization.steplen for p in prefixes):
        return entries
    placed = Q(pk__in=[])
    for prefix in prefixes:
        placed |= Q(user__role_assignments__organization__path__startswith=prefix)
        placed |= Q(user__person__member__org_path__startswith=prefix)
    return entries.filter(pk__in=AuditEntry.objects.filter(placed).values("pk"))


def is_administrator(user: Any) -> bool:
    """A superuser or a holder of the administrator role (Role.ADMIN) anywhere."""
    scope = scope_of(user)
    return scope.is_superuser or any(role == Role.ADMIN for role, _, _ in scope.roles)


def record_history(
    object_type: str, *object_ids: object, reads: bool = False, viewer: Any = None
) -> QuerySet[AuditEntry]:
    """Who changed a record, when and what: its audit rows, newest first. Every detail
    page's history is this one query. With `reads`, who read or exported it as well, but
    only when the `viewer` is an administrator: who read a file is not for anyone else."""
    entries = AuditEntry.objects.filter(
        object_type=object_type, object_id__in=[str(pk) for pk in object_ids]
    )
    if not (reads and is_administrator(viewer)):
        entries = entries.filter(action=AuditAction.CHANGE)
    return entries.select_related("user").order_by("-at", "-pk")
