"""The home page (this month), the missed-meetings grid, attendance rates, a member's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangbo.accounts.audit import audited_read
from dangbo.activities import rules, selectors
from dangbo.activities.forms import OrgYearForm
from dangbo.activities.models import AttendanceStatus, Commitment
from dangbo.activities.views.common import chosen_org, require_view, view_orgs, year_of
from dangbo.backoffice.views.orgs_common import records_url, today
from dangbo.core.listing import export_response, require_export
from dangbo.core.scope import Action, get_scoped_or_404, scope_of, scoped
from dangbo.indicators import registry
from dangbo.members.models import Member
from dangbo.orgs.models import Organization


def _filters(request: HttpRequest) -> tuple[OrgYearForm, Organization | None, int]:
    form = OrgYearForm(request.GET or None, orgs=view_orgs(request.user).order_by("path"))
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, chosen_org(request.user, data), year_of(data)


def _visible_cells(user: Any, ids: set[int]) -> set[int]:
    return set(
        scoped(user, Action.VIEW, Organization.objects.filter(pk__in=ids)).values_list(
            "pk", flat=True
        )
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """This month: the cells that have not met yet; this quarter's thematic gaps; figures."""
    require_view(request.user)
    form, org, _year = _filters(request)
    now = today()
    first = dt.date(now.year, now.month, 1)
    last = rules.month_last(now.year, now.month)
    q_first, q_last = rules.quarter_bounds(now.year, rules.quarter_of(now.month))
    not_met: list[tuple[int, str]] = []
    thematic_gaps: list[tuple[int, str]] = []
    figures: list[dict[str, Any]] = []
    if org is not None:
        cells = selectors.cells_expected(org, first, last)
        held = set(
            selectors.Meeting.objects.filter(
                org_id__in=cells,
                held_on__range=(first, now),
                kind__in=selectors.REGULAR_KINDS,
                status=selectors.MeetingStatus.HELD,
            ).values_list("org_id", flat=True)
        )
        seen = _visible_cells(request.user, set(cells))
        not_met = sorted(
            ((c, n) for c, n in cells.items() if c not in held and c in seen), key=lambda x: x[1]
        )
        q_cells = selectors.cells_expected(org, q_first, q_last)
        q_held = set(
            selectors.Meeting.objects.filter(
                org_id__in=q_cells,
                held_on__range=(q_first, now),
                kind__in=selectors.THEMATIC_KINDS,
                status=selectors.MeetingStatus.HELD,
            ).values_list("org_id", flat=True)
        )
        q_seen = _visible_cells(request.user, set(q_cells))
        thematic_gaps = sorted(
            ((c, n) for c, n in q_cells.items() if c not in q_held and c in q_seen),
            key=lambda x: x[1],
        )
        context = registry.Context(scope=org, at=now)
        for key in (
            "meetings.held_rate",
            "meetings.attendance_rate",
            "meetings.participation_rate",
            "meetings.cells_missed",
            "meetings.committee_held",
            "commitments.registered_rate",
            "residence.comments_rate",
        ):
            ind = registry.get(key)
            figures.append(
                {
                    "label": ind.label,
                    "unit": ind.unit,
                    "key": key,
                    "value": ind.value(context),
                    "url": records_url(key, org, now),
                }
            )
    return render(
        request,
        "activities/home.html",
        {
            "form": form,
            "org": org,
            "now": now,
            "not_met": not_met,
            "thematic_gaps": thematic_gaps,
            "figures": figures,
            "quarter": rules.quarter_of(now.month),
            "can_change": scope_of(request.user).allows(Action.CHANGE),
        },
    )


def _grid(user: Any, org: Organization, year: int) -> dict[str, Any]:
    now = today()
    end = min(dt.date(year, 12, 31), now)
    cov = selectors.coverage(org, dt.date(year, 1, 1), end)
    ids = {c for cells in cov.expected.values() for c in cells} | {
        c for cells in cov.thematic_expected.values() for c in cells
    }
    seen = _visible_cells(user, ids)
    names: dict[int, str] = {}
    for cells in [*cov.expected.values(), *cov.thematic_expected.values()]:
        names.update({c: n for c, n in cells.items() if c in seen})
    rows = []
    for cell, name in sorted(names.items(), key=lambda x: x[1]):
        months = []
        for month in range(1, 13):
            if (year, month) in cov.expected:
                state = (
                    "held"
                    if (cell, year, month) in cov.held
                    else ("missed" if cell in cov.expected[(year, month)] else "none")
                )
            else:
                state = "future"
            months.append(state)
        quarters = []
        for quarter in range(1, 5):
            if (year, quarter) in cov.thematic_expected:
                quarters.append(
                    "held"
                    if (cell, year, quarter) in cov.thematic_held
                    else ("missed" if cell in cov.thematic_expected[(year, quarter)] else "none")
                )
            else:
                quarters.append("future")
        rows.append(
            {
                "id": cell,
                "name": name,
                "months": months,
                "quarters": quarters,
                "missed": months.count("missed") + quarters.count("missed"),
            }
        )
    return {
        "rows": rows,
        "missed_months": [x for x in cov.missed_months() if x[0] in seen],
        "missed_quarters": [x for x in cov.missed_quarters() if x[0] in seen],
    }


@login_required
def missed(request: HttpRequest) -> HttpResponse:
    require_view(request.user)
    form, org, year = _filters(request)
    grid = (
        _grid(request.user, org, year)
        if org
        else {"rows": [], "missed_months": [], "missed_quarters": []}
    )
    return render(
        request,
        "activities/missed.html",
        {
            "form": form,
            "org": org,
            "year": year,
            "months": range(1, 13),
            **grid,
            "export_query": request.GET.urlencode(),
            "can_export": scope_of(request.user).allows(Action.EXPORT),
        },
    )


@login_required
def missed_export(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_export(user)
    _form, org, year = _filters(request)
    grid = _grid(user, org, year) if org else {"missed_months": [], "missed_quarters": []}
    allowed = set(
        scoped(user, Action.EXPORT, Organization.objects.all())
        .filter(pk__in={x[0] for x in grid["missed_months"] + grid["missed_quarters"]})
        .values_list("pk", flat=True)
    )
    data = [
        [cell_name, "Sinh hoạt thường kỳ", f"Tháng {m}/{y}"]
        for c, y, m, cell_name in grid["missed_months"]
        if c in allowed
    ]
    data += [
        [cell_name, "Sinh hoạt chuyên đề", f"Quý {q}/{y}"]
        for c, y, q, cell_name in grid["missed_quarters"]
        if c in allowed
    ]
    return export_response(
        request,
        rows=data,
        object_type="meeting",
        description=lambda n: f"Xuất danh sách chi bộ bỏ sinh hoạt năm {year}: {n} dòng",
        filename=f"chi-bo-bo-sinh-hoat-{year}.xlsx",
        title="Bỏ sinh hoạt",
        headings=["Chi bộ", "Loại sinh hoạt", "Kỳ"],
        row=lambda r: r,
    )


@login_required
def rates(request: HttpRequest) -> HttpResponse:
    """Attendance of a year by organization and cell under the chosen organization."""
    require_view(request.user)
    form, org, year = _filters(request)
    rows = selectors.attendance_rows(request.user, org, year) if org else []
    return render(
        request, "activities/rates.html", {"form": form, "org": org, "year": year, "rows": rows}
    )


@login_required
@audited_read("Xem sinh hoạt")
def member_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's attendance by year, their meetings, and their commitments."""
    member = get_scoped_or_404(
        request.user, Action.VIEW, Member.objects.select_related("person", "cell"), pk=pk
    )
    rows = list(selectors.member_attendance(member))
    by_year: dict[int, list[int]] = {}
    for a in rows:
        if a.is_exempted:
            continue
        counts = by_year.setdefault(a.meeting.held_on.year, [0, 0, 0])
        counts[0] += 1
        counts[1] += a.status == AttendanceStatus.PRESENT
        counts[2] += a.spoke
    years = [
        {
            "year": y,
            "expected": c[0],
            "present": c[1],
            "spoke": c[2],
            "rate": selectors.rate(c[1], c[0]),
        }
        for y, c in sorted(by_year.items(), reverse=True)
    ]
    return render(
        request,
        "activities/member.html",
        {
            "member": member,
            "years": years,
            "rows": rows[:60],
            "commitments": Commitment.objects.filter(member=member).order_by("-year"),
            "can_change": scope_of(request.user).covers_path(Action.CHANGE, member.org_path),
        },
    )
