"""What the programmes pages share: the organizations a user may pick, the chosen
organization and year, permission checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from dangbo.backoffice.views.orgs_common import scope_roots, today
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.orgs.models import Organization

__all__ = ["today"]


def orgs_for(user: Any, action: Action) -> QuerySet[Organization]:
    """Organizations to pick: for reading, dissolved ones too (their records stay); for
    writing, active ones only."""
    orgs = Organization.objects.all()
    if action != Action.VIEW:
        orgs = orgs.filter(dissolved_on__isnull=True)
    return scoped(user, action, orgs).order_by("path")


def require(user: Any, action: Action, message: str = "") -> None:
    if not scope_of(user).allows(action):
        raise PermissionDenied(message or "Đồng chí không có quyền truy cập trang này.")


def require_change(user: Any, org: Organization, message: str = "") -> None:
    """403 unless the user may change records of `org`."""
    if not scope_of(user).covers_path(Action.OFFICE, org.path):
        raise PermissionDenied(message or f"Đồng chí không có quyền sửa hồ sơ của {org.name}.")


def can_change(user: Any, org: Organization) -> bool:
    return scope_of(user).covers_path(Action.OFFICE, org.path)


def filters(form: Any) -> dict[str, Any]:
    return dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}


def chosen_org(request: HttpRequest, name: str = "org") -> Organization | None:
    """?org= (in scope, else 404) or the user's top organization."""
    raw = (request.GET.get(name) or "").strip()
    if raw:
        return get_scoped_or_404(
            request.user, Action.VIEW, Organization.objects.all(),
            pk=int(raw) if raw.isdecimal() else 0,
        )  # fmt: skip
    roots = scope_roots(request.user)
    return roots[0] if roots else None


def chosen_year(request: HttpRequest) -> int:
    raw = (request.GET.get("year") or "").strip()
    return int(raw) if raw.isdecimal() and 1945 <= int(raw) <= 2100 else today().year


def year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
