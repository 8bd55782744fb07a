"""What the emulation pages share: the organizations a user may pick, the figures of the
home page, the filter values of a GET form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from dangbo.backoffice.views.orgs_common import records_url, scope_roots, today
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.indicators import registry
from dangbo.orgs.models import Organization


def orgs_for(user: Any, action: Action) -> QuerySet[Organization]:
    return scoped(user, action, Organization.objects.filter(dissolved_on__isnull=True)).order_by(
        "path"
    )


def require(user: Any, action: Action, message: str = "") -> None:
    if not scope_of(user).allows(action):
        raise PermissionDenied(message or "Đồng chí không có quyền truy cập trang này.")


def filters(form: Any) -> dict[str, Any]:
    return dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}


def chosen_org(request: HttpRequest) -> Organization | None:
    """?org= (in scope, else 404) or the user's top organization."""
    raw = (request.GET.get("org") or "").strip()
    if raw:
        return get_scoped_or_404(
            request.user, Action.VIEW, Organization.objects.all(),
            pk=int(raw) if raw.isdecimal() else 0,
        )  # fmt: skip
    roots = scope_roots(request.user)
    return roots[0] if roots else None


def year_figures(org: Organization, keys: list[str]) -> tuple[dt.date, list[dict[str, Any]]]:
    """This year's figures of `org` up to today, each linking to its records."""
    at = today()
    context = registry.Context(scope=org, at=at, period=(dt.date(at.year, 1, 1), at))
    out = []
    for key in keys:
        ind = registry.get(key)
        value = ind.value(context)
        out.append(
            {
                "key": key,
                "label": ind.label,
                "unit": ind.unit,
                "value": value,
                "rows": list(value.items()) if isinstance(value, dict) else None,
                "url": records_url(key, org, at),
            }
        )
    return at, out
