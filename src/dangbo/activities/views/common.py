"""Helpers shared by the activities pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from dangbo.accounts.selectors import record_history as history  # noqa: F401  (views import it from here)
from dangbo.backoffice.views.orgs_common import scope_roots, today
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.orgs.models import Organization


def view_orgs(user: Any) -> QuerySet[Organization]:
    return scoped(user, Action.VIEW, Organization.objects.filter(dissolved_on__isnull=True))


def require_view(user: Any) -> None:
    if not scope_of(user).allows(Action.VIEW):
        raise PermissionDenied("Đồng chí không có quyền xem sinh hoạt đảng.")


def chosen_org(user: Any, data: dict[str, Any]) -> Organization | None:
    """The organization picked in a filter, else the user's first root (None: none)."""
    org = data.get("org")
    if org is not None:
        return org  # type: ignore[no-any-return]
    roots = scope_roots(user)
    return roots[0] if roots else None


def org_from_param(user: Any, raw: str | None) -> Organization | None:
    if raw and str(raw).isdecimal():
        return get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=int(raw))
    roots = scope_roots(user)
    return roots[0] if roots else None


def year_of(data: dict[str, Any]) -> int:
    return int(data.get("year") or today().year)
