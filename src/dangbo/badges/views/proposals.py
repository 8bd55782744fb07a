"""The proposal list (who is due a badge), its export, and the figures page."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dangbo.accounts.audit import audit_log
from dangbo.accounts.models import AuditAction
from dangbo.backoffice.views.orgs_common import records_url, scope_roots, today
from dangbo.badges import rules, selectors
from dangbo.badges.forms import ProposalFilterForm
from dangbo.core.listing import paginate
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.core.xlsx import xlsx_response
from dangbo.indicators import registry
from dangbo.members.models import Member
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import upper_org_names


def view_orgs(user: Any) -> Any:
    return scoped(user, Action.VIEW, Organization.objects.filter(dissolved_on__isnull=True))


def _filters(request: HttpRequest) -> tuple[ProposalFilterForm, selectors.ProposalWindow, dict]:
    form = ProposalFilterForm(request.GET or None, orgs=view_orgs(request.user).order_by("path"))
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    now = today()
    by: dt.date | None = data.get("by")
    year = by.year if by else (data.get("year") or now.year)
    window = selectors.proposal_window(
        year=year, by=by, backlog=bool(data.get("backlog")), today=now
    )
    return form, window, {"org": data.get("org"), "years": data.get("years"), "year": year}


def _rows(user: Any, action: Action, window: Any, chosen: dict) -> list[tuple[Member, Any]]:
    rows = selectors.proposals(user, window=window, org=chosen["org"], years=chosen["years"])
    if action != Action.VIEW:
        allowed = set(
            scoped(user, action, Member.objects.filter(pk__in=[m.pk for m, _ in rows]))
            .values_list("pk", flat=True)
        )  # fmt: skip
        rows = [(m, d) for m, d in rows if m.pk in allowed]
    return rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The proposal list: members reaching a badge level in a year (or by a presentation
    date) and not awarded it yet."""
    user = request.user
    if not scope_of(user).allows(Action.VIEW):
        raise PermissionDenied
    form, window, chosen = _filters(request)
    rows = _rows(user, Action.VIEW, window, chosen)
    page, pager_query = paginate(request, rows, per_page=100)
    scope = scope_of(user)
    uppers = upper_org_names(user, [m.cell for m, _ in page.object_list if m.cell is not None])
    lines = [
        {
            "member": m,
            "due": d,
            "cell_upper": uppers.get(m.cell_id) if m.cell_id else None,
            "can_award": scope.covers_path(Action.CHANGE, m.org_path),
        }
        for m, d in page.object_list
    ]
    year = chosen["year"]
    return render(
        request,
        "badges/proposals.html",
        {
            "form": form,
            "window": window,
            "page": page,
            "pager_query": pager_query,
            "lines": lines,
            "total": len(rows),
            "occasion_days": rules.presentation_days(rules.rules_at(window.upper), year),
            "year": year,
            "export_query": request.GET.urlencode(),
            "can_export": scope.allows(Action.EXPORT),
            "can_award": any(line["can_award"] for line in lines),
        },
    )


@login_required
def proposal_export(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not scope_of(user).allows(Action.EXPORT):
        raise PermissionDenied("Đồng chí không có quyền xuất dữ liệu.")
    _form, window, chosen = _filters(request)
    rows = _rows(user, Action.EXPORT, window, chosen)
    audit_log(
        user=user,
        action=AuditAction.EXPORT,
        object_type="badge_proposal",
        description=f"Xuất danh sách đề nghị tặng Huy hiệu Đảng ({window.label}): "
        f"{len(rows)} đảng viên",
        request=request,
    )
    uppers = upper_org_names(user, [m.cell for m, _ in rows if m.cell is not None])
    headings = ["STT", "Họ và tên", "Ngày sinh", "Chi bộ", "Trực thuộc", "Ngày vào Đảng",
                "Tuổi đảng tính từ", "Đề nghị tặng Huy hiệu", "Ngày đủ tuổi đảng"]  # fmt: skip
    data = [
        [
            i,
            m.person.full_name,
            m.person.birth_date,
            m.cell.name if m.cell else "",
            uppers.get(m.cell_id, "") if m.cell_id else "",
            m.admitted_on,
            m.party_age_from,
            f"{d.years} năm tuổi đảng",
            d.reached_on,
        ]
        for i, (m, d) in enumerate(rows, start=1)
    ]
    return xlsx_response(
        f"de-nghi-huy-hieu-{window.upper:%Y%m%d}.xlsx", "Đề nghị tặng Huy hiệu", headings, data
    )


def _chosen_org(request: HttpRequest) -> Organization | None:
    raw = (request.GET.get("org") or "").strip()
    if raw:
        return get_scoped_or_404(
            request.user, Action.VIEW, Organization.objects.all(), pk=raw if raw.isdecimal() else 0
        )
    roots = scope_roots(request.user)
    return roots[0] if roots else None


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """Due by level in a year, awarded by level in it, and awards per year (chart)."""
    org = _chosen_org(request)
    if org is None:
        raise PermissionDenied
    now = today()
    raw_year = (request.GET.get("year") or "").strip()
    year = int(raw_year) if raw_year.isdecimal() and 1950 <= int(raw_year) <= 2100 else now.year
    end = min(dt.date(year, 12, 31), now)
    if end < dt.date(year, 1, 1):
        end = dt.date(year, 1, 1)
    context = registry.Context(scope=org, at=end, period=(dt.date(year, 1, 1), end))
    due = registry.value("badges.due_by_level", context)
    awarded = registry.value("badges.awarded_by_level", context)
    years = list(range(year - 9, year + 1))
    per_year = []
    for y in years:
        y_end = min(dt.date(y, 12, 31), now)
        if y_end < dt.date(y, 1, 1):
            per_year.append(0)
            continue
        one_year = registry.Context(scope=org, at=y_end, period=(dt.date(y, 1, 1), y_end))
        per_year.append(registry.value("badges.awarded", one_year))
    chart = {"labels": [str(y) for y in years], "values": per_year, "label": "Huy hiệu đã trao"}
    orgs = view_orgs(request.user).order_by("path")[:300]
    return render(
        request,
        "badges/figures.html",
        {
            "org": org,
            "year": year,
            "end": end,
            "due": due,
            "awarded": awarded,
            "due_total": sum(due.values()) if isinstance(due, dict) else due,
            "awarded_total": sum(awarded.values()) if isinstance(awarded, dict) else awarded,
            "chart": json.dumps(chart),
            "chart_data": chart,
            "rows": list(zip(years, per_year, strict=True)),
            "orgs": orgs,
            "records_url": records_url("badges.due", org, end),
            "awarded_url": reverse("badges:award_list") + f"?org={org.pk}&year={year}",
        },
    )
