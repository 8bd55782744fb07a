"""Reads of đảng phí: the cell of a member's month, a month's summary, unpaid members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear, Greatest

from dangbo.core.scope import Action, scoped
from dangbo.dues import rules
from dangbo.dues.models import DuesBasis, DuesMonth, DuesRelief
from dangbo.members.models import Member, MemberPeriod
from dangbo.members.rules import add_months
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope, subtree_versions_at

# --- A member's month ----------------------------------------------------------------


def cells_by_month(
    periods: Iterable[tuple[int, dt.date, dt.date | None]], months: Sequence[dt.date]
) -> dict[dt.date, int]:
    """For each month, the cell the member was in: the period overlapping the month that
    started first (a member who transfers mid-month pays that month in the cell they
    left, as the transfer papers state the dues paid up to the month). Months with no
    period (before admission, after leaving, outside the tree) are absent."""
    ordered = sorted(periods, key=lambda p: p[1])
    found: dict[dt.date, int] = {}
    for month in months:
        end = rules.next_month(month)
        for org_id, start, stop in ordered:
            if start < end and (stop is None or stop > month):
                found[month] = org_id
                break
    return found


def member_periods(member: Member) -> list[tuple[int, dt.date, dt.date | None]]:
    return list(
        MemberPeriod.objects.filter(member=member).values_list("org_id", "valid_from", "valid_to")
    )


def member_bases(member: Member) -> list[rules.Basis]:
    return [
        rules.Basis(kind=b.kind, amount=b.amount, from_month=b.from_month)
        for b in DuesBasis.objects.filter(member=member)
    ]


def member_reliefs(member: Member) -> list[rules.Relief]:
    return [
        rules.Relief(
            kind=r.kind,
            percent=r.percent,
            from_month=r.from_month,
            to_month=r.to_month,
            label=r.get_kind_display(),
        )
        for r in DuesRelief.objects.filter(member=member)
    ]


def due_of(member: Member, month: dt.date) -> rules.Due:
    """What `member` owes for `month`, by the rule set of the month."""
    return rules.amount_due(
        month=month,
        bases=member_bases(member),
        reliefs=member_reliefs(member),
        party_age_from=member.party_age_from,
        birth_date=member.person.birth_date,
        gender=member.person.gender,
    )


# --- Amounts as of a date ----------------------------------------------------------------


def paid_as_of(at: dt.date | None) -> Any:
    """The amount paid counted only when paid on or before `at` (None: as recorded)."""
    if at is None:
        return F("amount_paid")
    return Case(
        When(paid_on__lte=at, then=F("amount_paid")), default=Value(0), output_field=IntegerField()
    )


def owed_expr(at: dt.date | None) -> Any:
    return Greatest(F("amount_due") - paid_as_of(at), Value(0), output_field=IntegerField())


def unpaid_q(at: dt.date | None) -> Q:
    """Rows not fully paid (as of `at`) and without a good reason."""
    paid = Q(amount_paid__gte=F("amount_due"))
    if at is not None:
        paid &= Q(paid_on__lte=at) | Q(amount_due=0)
    return Q(amount_due__gt=0, excused_reason="") & ~paid


def totals(rows: QuerySet[DuesMonth], at: dt.date | None = None) -> dict[str, int]:
    figures = rows.aggregate(
        due=Sum("amount_due"),
        collected=Sum(paid_as_of(at)),
        owed=Sum(owed_expr(at)),
        members=Count("member_id", distinct=True),
        owing=Count("member_id", distinct=True, filter=Q(amount_due__gt=0) & unpaid_q(at)),
    )
    return {k: int(v or 0) for k, v in figures.items()}


def in_period(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[DuesMonth]:
    """Dues rows of the months begun in [start, end] whose cell was under `scope` in their
    month, as the tree stood on the first day of the month."""
    return dated_in_scope(
        DuesMonth.objects.all(),
        scope,
        rules.month_start(start),
        end,
        org_field="cell_id",
        date_field="month",
    )


def unpaid_members(rows: QuerySet[DuesMonth], at: dt.date, threshold: int) -> QuerySet[Member]:
    """Members with `threshold` or more months of one year ended by `at`, unpaid without
    good reason (Điều lệ Đảng, Điều 8 khoản 2)."""
    counted = (
        rows.filter(month__lt=rules.month_start(at))
        .filter(unpaid_q(at))
        .annotate(year=ExtractYear("month"))
        .values("member_id", "year")
        .annotate(n=Count("id"))
        .filter(n__gte=threshold)
        .values("member_id")
    )
    return Member.objects.filter(pk__in=counted)


# --- Pages ---------------------------------------------------------------------------


@dataclass
class Line:
    """One row of the month view: a subordinate organization (or cell) and its figures."""

    org: Organization
    due: int = 0
    collected: int = 0
    owed: int = 0
    members: int = 0
    owing: int = 0

    @property
    def rate(self) -> float | None:
        return 100 * self.collected / self.due if self.due else None


@dataclass
class MonthView:
    org: Organization
    month: dt.date
    lines: list[Line] = field(default_factory=list)
    total: Line | None = None


def visible_rows(user: Any, action: Action = Action.VIEW) -> QuerySet[DuesMonth]:
    return scoped(user, action, DuesMonth.objects.all())


def month_rows(user: Any, org: Organization, month: dt.date) -> QuerySet[DuesMonth]:
    """The user's visible rows of `month` in cells under `org` as the tree stood on the
    month's first day (so a dissolved committee still shows its past months)."""
    month = rules.month_start(month)
    cells = subtree_versions_at(org, month).values("org_id")
    return visible_rows(user).filter(month=month, cell_id__in=cells)


def month_view(user: Any, org: Organization, month: dt.date) -> MonthView:
    """Due, collected and owed of `month` for each organization directly under `org`, as
    the tree stood that month: one grouped query per cell, summed by the cells' paths."""
    month = rules.month_start(month)
    then = dict(subtree_versions_at(org, month).values_list("org_id", "path"))
    root = then.get(org.pk, "")
    by_path = {path: org_id for org_id, path in then.items()}
    grouped = (
        month_rows(user, org, month)
        .values("cell_id")
        .annotate(
            due=Sum("amount_due"),
            collected=Sum("amount_paid"),
            owed_sum=Sum(owed_expr(None)),
            members=Count("member_id"),
            owing=Count("member_id", filter=unpaid_q(None)),
        )
        .order_by()
    )
    lines: dict[int, Line] = {}
    orgs = Organization.objects.in_bulk(list(then))
    view = MonthView(org=org, month=month)
    total = Line(org=org)
    for row in grouped:
        path = then.get(row["cell_id"], "")
        child_id = int(by_path.get(path[: len(root) + Organization.steplen]) or org.pk)
        line = lines.setdefault(child_id, Line(org=orgs.get(child_id, org)))
        for target in (line, total):
            target.due += row["due"] or 0
            target.collected += row["collected"] or 0
            target.owed += row["owed_sum"] or 0
            target.members += row["members"]
            target.owing += row["owing"]
    view.lines = sorted(lines.values(), key=lambda line: then.get(line.org.pk, ""))
    view.total = total
    return view


def latest_month(user: Any, org: Organization, today: dt.date | None = None) -> dt.date | None:
    """The month to show first: this month or the last one if their lists exist."""
    this = rules.month_start(today or dt.date.today())  # noqa: DTZ011 - a calendar day
    for month in (this, add_months(this, -1)):
        if month_rows(user, org, month).exists():
            return month
    return (
        visible_rows(user)
        .filter(cell__path__startswith=org.path)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )


def unpaid_list(user: Any, org: Organization, year: int, at: dt.date) -> list[dict[str, Any]]:
    """Members of `org` (their month's cell under it) with ≥ the rule's months unpaid in
    `year` as of `at`, with the months and the amount owed, most months first."""
    threshold = rules.rules_for(min(at, dt.date(year, 12, 1))).unpaid_months_flag
    rows = visible_rows(user).filter(
        cell__path__startswith=org.path,
        month__gte=dt.date(year, 1, 1),
        month__lte=dt.date(year, 12, 1),
        month__lt=rules.month_start(at),
    )
    unpaid = rows.filter(unpaid_q(None))
    per_member = (
        unpaid.values("member_id")
        .annotate(n=Count("id"), owed_sum=Sum(owed_expr(None)))
        .filter(n__gte=threshold)
        .order_by("-n", "member_id")
    )
    found = {row["member_id"]: row for row in per_member}
    months: dict[int, list[dt.date]] = {}
    cells: dict[int, Organization] = {}
    for row in unpaid.filter(member_id__in=list(found)).select_related("cell").order_by("month"):
        months.setdefault(row.member_id, []).append(row.month)
        cells[row.member_id] = row.cell
    members = Member.objects.select_related("person").in_bulk(list(found))
    return [
        {
            "member": members[pk],
            "months": months.get(pk, []),
            "count": row["n"],
            "owed": row["owed_sum"] or 0,
            "cell": cells.get(pk),
        }
        for pk, row in found.items()
        if pk in members
    ]
