"""Scope: who may do what to which part of the tree. The one place it is decided.

A role held on an organization reaches its whole subtree. A user's grants are
resolved once per request into a few path prefixes (the Wagtail lesson: one OR
per grant made pages crawl). Every list, detail, export, API call and indicator
filters through `scoped()` or `get_scoped_or_404()`; nothing filters by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dangbo.accounts.models import Role


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    EXPORT = "export"
    IMPORT = "import"
    VIEW_SENSITIVE = "view_sensitive"
    MANAGE_ORGS = "manage_orgs"
    VIEW_AUDIT = "view_audit"
    # Areas of work with their own departments (the bloc's boards map to roles):
    INSPECT = "inspect"  # inspection plans, complaints, discipline (UBKT)
    VIEW_COMPLAINANT = "view_complainant"  # who sent a denunciation: inspection roles only
    EDUCATE = "educate"  # study sessions, training classes, contests (Ban Tuyên giáo)
    MOBILIZE = "mobilize"  # "Dân vận khéo" models, mass organizations (Ban Dân vận)
    WRITE_NEWS = "write_news"  # portal articles: write and submit (cộng tác viên)
    PUBLISH_NEWS = "publish_news"  # portal articles: publish, return, withdraw (biên tập)
    # The committee's office work: the document register, action programmes and targets,
    # the work programme, host units' figures, periodic reports and calls for reports.
    OFFICE = "office"
    # Grant and end role assignments in the back office (accounts.services).
    MANAGE_ROLES = "manage_roles"


_ALL = frozenset(Action)
_READ = frozenset({Action.VIEW, Action.EXPORT})
_WRITE = frozenset({Action.VIEW, Action.EXPORT, Action.CHANGE, Action.IMPORT})

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMIN: _ALL,  # includes MANAGE_ROLES: only administrators manage roles
    # The office (Văn phòng) keeps the register and writes the reports; it reads the rest.
    Role.BLOC_OFFICE: _READ | {Action.WRITE_NEWS, Action.OFFICE},
    Role.ORG_BOARD: _WRITE
    | {Action.VIEW_SENSITIVE, Action.MANAGE_ORGS, Action.EDUCATE, Action.OFFICE},
    Role.INSPECTION: _READ | {Action.VIEW_SENSITIVE, Action.INSPECT, Action.VIEW_COMPLAINANT},
    Role.PROPAGANDA: _READ | {Action.EDUCATE, Action.WRITE_NEWS, Action.PUBLISH_NEWS},
    Role.MASS_MOBILIZATION: _READ | {Action.MOBILIZE},
    # A base committee and a cell decide discipline of their own members (Điều lệ Điều 36).
    Role.BASE_SECRETARY: _WRITE
    | {
        Action.VIEW_SENSITIVE,
        Action.INSPECT,
        Action.EDUCATE,
        Action.MOBILIZE,
        Action.WRITE_NEWS,
        Action.OFFICE,
    },
    Role.CELL_SECRETARY: _WRITE | {Action.INSPECT, Action.EDUCATE, Action.OFFICE},
    # A member reaches only their own record (see _SELF_LOOKUPS).
    Role.MEMBER: frozenset({Action.VIEW, Action.VIEW_SENSITIVE}),
    # The portal's writers and editors (an editor of an organization publishes its section).
    # Least privilege: no VIEW, so no member record, dues, admission, discipline or
    # complaint file; the portal reads the organizations it writes for through WRITE_NEWS.
    Role.NEWS_WRITER: frozenset({Action.WRITE_NEWS}),
    Role.NEWS_EDITOR: frozenset({Action.WRITE_NEWS, Action.PUBLISH_NEWS}),
}

M = TypeVar("M", bound=models.Model)

# model label -> lookup of the path that places a row in the tree
_PATH_LOOKUPS: dict[str, str] = {}
# model label -> lookup to the owning user, for the member role
_SELF_LOOKUPS: dict[str, str] = {}


def register(model: type[models.Model], *, path: str, self_user: str | None = None) -> None:
    """Declare how rows of `model` are placed in the tree (and owned by a member)."""
    _PATH_LOOKUPS[model._meta.label] = path
    if self_user:
        _SELF_LOOKUPS[model._meta.label] = self_user


def copied_path_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field) of every registered model that carries a copy of an organization's
    path in its own column; moving an organization rewrites them all (orgs.services)."""
    from django.apps import apps

    found = []
    for label, lookup in _PATH_LOOKUPS.items():
        if "__" in lookup or label == "orgs.Organization":
            continue
        found.append((apps.get_model(label), lookup))
    return found


@dataclass
class Scope:
    """A user's grants resolved to path prefixes per action."""

    user_id: int | None
    is_superuser: bool = False
    prefixes: dict[Action, list[str]] = field(default_factory=dict)
    self_actions: frozenset[Action] = frozenset()
    roles: list[tuple[str, int, str]] = field(default_factory=list)
    # Paths of the member's own cell(s), for the member role.
    self_cell_paths: list[str] = field(default_factory=list)

    def allows(self, action: Action) -> bool:
        return self.is_superuser or bool(self.prefixes.get(action)) or action in self.self_actions

    def covers_path(self, action: Action, path: str) -> bool:
        if self.is_superuser:
            return True
        return any(path.startswith(p) for p in self.prefixes.get(action, []))

    def root_paths(self, action: Action = Action.VIEW) -> list[str]:
        return list(self.prefixes.get(action, []))


def _minimal(paths: set[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return sorted(kept)


def active_q(day: dt.date | None = None) -> Q:
    """Role assignments that count on `day` (today in the site's time zone): started
    (starts_on empty or on/before it) and not ended (ends_on empty or on/after it)."""
    day = day or timezone.localdate()
    return (Q(starts_on__isnull=True) | Q(starts_on__lte=day)) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )


def scope_of(user: Any) -> Scope:
    """Resolve (and cache on the user object) the user's grants: only the role
    assignments active today count (one query, whatever the channel: page, export, API
    token, background job, each of which resolves it when it runs)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope(user_id=None)
    cached = getattr(user, "_dangbo_scope", None)
    if cached is not None:
        return cached
    from dangbo.accounts.models import RoleAssignment

    scope = Scope(user_id=user.pk, is_superuser=bool(user.is_superuser))
    if scope.is_superuser:
        user._dangbo_scope = scope
        return scope
    by_action: dict[Action, set[str]] = {}
    self_actions: set[Action] = set()
    grants = RoleAssignment.objects.filter(active_q(), user=user).values_list(
        "role", "organization_id", "organization__path"
    )
    for role, org_id, path in grants:
        scope.roles.append((role, org_id, path))
        actions = ROLE_ACTIONS.get(role, frozenset())
        if role == Role.MEMBER:
            self_actions |= actions
            scope.self_cell_paths.append(path)
            continue
        for action in actions:
            by_action.setdefault(action, set()).add(path)
    scope.prefixes = {action: _minimal(paths) for action, paths in by_action.items()}
    scope.self_actions = frozenset(self_actions)
    user._dangbo_scope = scope
    return scope


def scope_q(user: Any, action: Action, model: type[models.Model]) -> Q | None:
    """The filter for `model` rows the user may `action`; None means everything."""
    scope = scope_of(user)
    if scope.is_superuser:
        return None
    label = model._meta.label
    path_lookup = _PATH_LOOKUPS.get(label)
    if path_lookup is None:
        raise LookupError(f"{label} has no scope registration")
    condition = Q(pk__in=[])
    for prefix in scope.prefixes.get(action, []):
        condition |= Q(**{f"{path_lookup}__startswith": prefix})
    if action in scope.self_actions:
        self_lookup = _SELF_LOOKUPS.get(label)
        if self_lookup is not None:
            condition |= Q(**{self_lookup: user.pk})
        elif label == "orgs.Organization" and action == Action.VIEW:
            # A member sees the cell they belong to, nothing below or beside it.
            condition |= Q(path__in=scope.self_cell_paths)
    return condition


def scoped(user: Any, action: Action, queryset: QuerySet[M]) -> QuerySet[M]:
    condition = scope_q(user, action, queryset.model)
    return queryset if condition is None else queryset.filter(condition)


def get_scoped_or_404(user: Any, action: Action, queryset: QuerySet[M], **lookup: Any) -> M:
    """One answer, 404, for "does not exist" and "not yours"."""
    try:
        return scoped(user, action, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise Http404 from exc
