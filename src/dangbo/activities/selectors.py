"""Reads of meetings and commitments: the expected list of a meeting, expected and held
cell-months (as the tree stood), attendance rates, the lists behind the pages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from dangbo.activities import rules
from dangbo.activities.models import (
    COMMITTEE_KINDS,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    Attendance,
    AttendanceStatus,
    Commitment,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from dangbo.core.scope import Action, scoped
from dangbo.core.text import fold
from dangbo.members.models import Member, MemberPeriod
from dangbo.orgs.models import CELL_KINDS, CommitteeSeat, Organization, Position
from dangbo.orgs.selectors import subtree_versions_at

STANDING_POSITIONS = (Position.SECRETARY, Position.DEPUTY_SECRETARY, Position.STANDING_MEMBER)


# --- Who is expected at a meeting ------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    member_id: int
    name: str
    is_exempted: bool


def expected_members(org: Organization, kind: str, day: dt.date) -> list[Expected]:
    """A cell meeting: the cell's members on the day (member periods; exempted members
    listed, excused). A committee meeting: the committee's seats on the day (the standing
    committee: secretary, deputies, standing members)."""
    if kind in COMMITTEE_KINDS:
        seats = CommitteeSeat.objects.filter(term__org=org, starts_on__lte=day).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=day)
        )
        if kind == MeetingKind.STANDING:
            seats = seats.filter(position__in=STANDING_POSITIONS)
        rows = seats.values_list("member_id", "member__person__full_name").distinct()
        return sorted(
            {Expected(m, n, False) for m, n in rows}, key=lambda e: (fold(e.name), e.member_id)
        )
    periods = (
        MemberPeriod.objects.filter(org=org, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("member_id", "member__person__full_name", "is_exempted")
    )
    return sorted(
        (Expected(m, n, e) for m, n, e in periods), key=lambda e: (fold(e.name), e.member_id)
    )


# --- Expected and held cell-months --------------------------------------------------------


def cells_expected(scope: Organization, first: dt.date, last: dt.date) -> dict[int, str]:
    """Cells under `scope` as the tree stood on `first` that existed from `first` to `last`
    (founded before, not dissolved by then): id -> name."""
    versions = subtree_versions_at(scope, first).filter(kind__in=CELL_KINDS)
    rows = versions.values_list("org_id", "name", "org__founded_on", "org__dissolved_on")
    return {
        org_id: name
        for org_id, name, founded, dissolved in rows
        if rules.existed_whole(founded, dissolved, first, last)
    }


@dataclass
class Coverage:
    """Cell-months (and cell-quarters) expected in a period, and which were held."""

    months: list[tuple[int, int]]
    quarters: list[tuple[int, int]]
    expected: dict[tuple[int, int], dict[int, str]] = field(default_factory=dict)
    held: set[tuple[int, int, int]] = field(default_factory=set)  # (cell, year, month)
    thematic_expected: dict[tuple[int, int], dict[int, str]] = field(default_factory=dict)
    thematic_held: set[tuple[int, int, int]] = field(default_factory=set)  # (cell, y, q)

    @property
    def expected_count(self) -> int:
        return sum(len(c) for c in self.expected.values())

    @property
    def held_count(self) -> int:
        return sum(
            1 for (y, m), cells in self.expected.items() for c in cells if (c, y, m) in self.held
        )

    @property
    def thematic_expected_count(self) -> int:
        return sum(len(c) for c in self.thematic_expected.values())

    @property
    def thematic_held_count(self) -> int:
        return sum(
            1
            for (y, q), cells in self.thematic_expected.items()
            for c in cells
            if (c, y, q) in self.thematic_held
        )

    def missed_months(self) -> list[tuple[int, int, int, str]]:
        """(cell id, year, month, cell name) of expected months without a regular meeting."""
        return [
            (c, y, m, name)
            for (y, m), cells in sorted(self.expected.items())
            for c, name in cells.items()
            if (c, y, m) not in self.held
        ]

    def missed_quarters(self) -> list[tuple[int, int, int, str]]:
        return [
            (c, y, q, name)
            for (y, q), cells in sorted(self.thematic_expected.items())
            for c, name in cells.items()
            if (c, y, q) not in self.thematic_held
        ]


def coverage(scope: Organization, start: dt.date, end: dt.date) -> Coverage:
    """Every cell (base cell, sub cell) under `scope` as the tree stood on the month's first
    day, existing the whole month, is expected to hold one regular meeting (regular or
    combined) in it; every cell existing the whole quarter one thematic meeting (thematic or
    combined) in it (Điều lệ Đảng Điều 24; HD 12-HD/BTCTW)."""
    cov = Coverage(months=rules.months_in(start, end), quarters=rules.quarters_in(start, end))
    cell_ids: set[int] = set()
    for year, month in cov.months:
        first, last = dt.date(year, month, 1), rules.month_last(year, month)
        cov.expected[(year, month)] = cells_expected(scope, first, last)
        cell_ids |= set(cov.expected[(year, month)])
    for year, quarter in cov.quarters:
        first, last = rules.quarter_bounds(year, quarter)
        cov.thematic_expected[(year, quarter)] = cells_expected(scope, first, last)
        cell_ids |= set(cov.thematic_expected[(year, quarter)])
    if not cov.months:
        return cov
    lower = dt.date(cov.months[0][0], cov.months[0][1], 1)
    upper = rules.month_last(*cov.months[-1])
    held = Meeting.objects.filter(
        status=MeetingStatus.HELD,
        held_on__range=(lower, upper),
        org_id__in=cell_ids,
        kind__in=[*REGULAR_KINDS, *THEMATIC_KINDS],
    ).values_list("org_id", "kind", "held_on")
    for org_id, kind, day in held:
        if kind in REGULAR_KINDS:
            cov.held.add((org_id, day.year, day.month))
        if kind in THEMATIC_KINDS:
            cov.thematic_held.add((org_id, day.year, rules.quarter_of(day.month)))
    return cov


# --- Meetings in a scope, by the tree on the meeting's day --------------------------------


def meetings_dated(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Meeting]:
    from dangbo.orgs.selectors import dated_in_scope

    return dated_in_scope(
        Meeting.objects.filter(status=MeetingStatus.HELD),
        scope,
        start,
        end,
        org_field="org_id",
        date_field="held_on",
    )


def attendance_dated(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Attendance]:
    """Attendance rows of held meetings in the period (exempted members left out)."""
    from dangbo.orgs.selectors import dated_in_scope

    return dated_in_scope(
        Attendance.objects.filter(meeting__status=MeetingStatus.HELD, is_exempted=False),
        scope,
        start,
        end,
        org_field="meeting__org_id",
        date_field="meeting__held_on",
    )


def rate(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


@dataclass
class RateRow:
    label: str
    expected: int
    present: int
    org: Organization | None = None
    member: Member | None = None
    depth: int = 0

    @property
    def rate(self) -> float:
        return rate(self.present, self.expected)


def attendance_rows(user: Any, org: Organization, year: int) -> list[RateRow]:
    """Attendance of the year by organization under `org` (the current tree): one row per
    organization, each counting the meetings of its subtree's cells."""
    rows = (
        scoped(user, Action.VIEW, Attendance.objects.all())
        .filter(
            meeting__status=MeetingStatus.HELD,
            meeting__held_on__year=year,
            is_exempted=False,
            meeting__org__path__startswith=org.path,
        )
        .values("meeting__org__path")
        .annotate(n=Count("id"), present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)))
    )
    by_path = {r["meeting__org__path"]: (r["n"], r["present"]) for r in rows}
    orgs = scoped(user, Action.VIEW, Organization.objects.filter(path__startswith=org.path))
    out = []
    for o in orgs.filter(dissolved_on__isnull=True).order_by("path"):
        n = sum(v[0] for p, v in by_path.items() if p.startswith(o.path))
        present = sum(v[1] for p, v in by_path.items() if p.startswith(o.path))
        out.append(
            RateRow(
                label=o.name,
                expected=n,
                present=present,
                org=o,
                depth=(len(o.path) - len(org.path)) // Organization.steplen,
            )
        )
    return out


def member_attendance(member: Member, year: int | None = None) -> QuerySet[Attendance]:
    rows = Attendance.objects.filter(member=member, meeting__status=MeetingStatus.HELD)
    if year:
        rows = rows.filter(meeting__held_on__year=year)
    return rows.select_related("meeting__org").order_by("-meeting__held_on")


# --- The lists -------------------------------------------------------------------------


def meeting_list(
    user: Any,
    *,
    query: str = "",
    org: Organization | None = None,
    kind: str = "",
    year: int | None = None,
    month: int | None = None,
    action: Action = Action.VIEW,
) -> QuerySet[Meeting]:
    meetings = scoped(user, action, Meeting.objects.select_related("org", "chaired_by__person"))
    if org is not None:
        meetings = meetings.filter(org__path__startswith=org.path)
    if kind:
        meetings = meetings.filter(kind=kind)
    if year:
        meetings = meetings.filter(held_on__year=year)
    if month:
        meetings = meetings.filter(held_on__month=month)
    for word in fold(query).split():
        meetings = meetings.filter(search_text__contains=word)
    return meetings.order_by("-held_on", "org__path", "pk")


@dataclass
class CommitmentRow:
    member: Member
    commitment: Commitment | None


def commitment_rows(
    user: Any,
    *,
    year: int,
    org: Organization | None = None,
    state: str = "",
    query: str = "",
    action: Action = Action.VIEW,
) -> list[CommitmentRow]:
    """Current members the user sees, each with their commitment of `year`."""
    members = scoped(user, action, Member.objects.exclude(status="left")).select_related(
        "person", "cell"
    )
    if org is not None:
        members = members.filter(org_path__startswith=org.path)
    for word in fold(query).split():
        members = members.filter(person__search_name__contains=word)
    members = members.order_by("org_path", "person__search_name", "pk")
    by_member = {
        c.member_id: c
        for c in Commitment.objects.filter(year=year, member__in=members.values("pk"))
    }
    rows = [CommitmentRow(m, by_member.get(m.pk)) for m in members]
    if state == "missing":
        rows = [r for r in rows if r.commitment is None]
    elif state == "registered":
        rows = [r for r in rows if r.commitment is not None]
    elif state == "reviewed":
        rows = [r for r in rows if r.commitment is not None and r.commitment.reviewed_on]
    return rows


def group_by(items: Iterable[Any], key: Any) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return out
