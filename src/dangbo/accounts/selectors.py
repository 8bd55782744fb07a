from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from dangbo.accounts.models import AuditAction, AuditEntry, Role, RoleAssignment
from dangbo.core.scope import Action, active_q, scope_of, scoped
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


def managed_assignments(user: Any) -> QuerySet[RoleAssignment]:
    """The role assignments `user` may manage (on organizations in his subtree), current,
    planned and ended alike, with who granted and ended them."""
    rows = RoleAssignment.objects.select_related("user", "organization", "granted_by", "ended_by")
    return scoped(user, Action.MANAGE_ROLES, rows)


def managed_users(user: Any, query: str = "") -> QuerySet[Any]:
    """The accounts `user` may manage: every account for a superuser; for an administrator,
    those holding (or having held) a role in his subtree. `query` searches the username,
    the name and the e-mail. The roles each holds today in that subtree are prefetched
    into `current_roles` (one query for the page)."""
    accounts = get_user_model().objects.all()
    if not scope_of(user).is_superuser:
        accounts = accounts.filter(pk__in=managed_assignments(user).values("user_id"))
    query = query.strip()
    if query:
        accounts = accounts.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    current = managed_assignments(user).filter(active_q()).order_by("organization__path", "role")
    return accounts.prefetch_related(
        Prefetch("role_assignments", queryset=current, to_attr="current_roles")
    ).order_by("username")
