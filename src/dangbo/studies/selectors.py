"""Reads of study sessions, classes and contests: the lists a user may see, the rows of a
session's bridge points with their rates, the records behind the figures, the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dangbo.accounts.selectors import record_history as history  # noqa: F401  (views use selectors.history)
from dangbo.core.scope import Action, scope_of, scoped
from dangbo.core.text import fold
from dangbo.members.models import Person
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope
from dangbo.studies.models import (
    BridgePoint,
    ClassKind,
    Contest,
    Entrant,
    Learner,
    SessionAttendance,
    StudySession,
    TrainingClass,
)
from dangbo.studies.rules import rate

# Sessions --------------------------------------------------------------------------------


def visible_sessions(user: Any, action: Action = Action.VIEW) -> QuerySet[StudySession]:
    """Sessions organized in the user's scope, and sessions with a bridge point in it (a
    base committee sees the bloc's conference it took part in, with its own point only)."""
    own = scoped(user, action, StudySession.objects.all()).values("pk")
    points = scoped(user, action, BridgePoint.objects.all()).values("session_id")
    return StudySession.objects.filter(Q(pk__in=own) | Q(pk__in=points))


def session_list(
    user: Any,
    *,
    query: str = "",
    org: Organization | None = None,
    year: int | None = None,
    kind: str = "",
    action: Action = Action.VIEW,
) -> QuerySet[StudySession]:
    sessions = visible_sessions(user, action).select_related("org")
    if org is not None:
        sessions = sessions.filter(
            Q(org__path__startswith=org.path) | Q(bridge_points__org__path__startswith=org.path)
        ).distinct()
    if year:
        sessions = sessions.filter(held_on__year=year)
    if kind:
        sessions = sessions.filter(kind=kind)
    for word in fold(query).split():
        sessions = sessions.filter(search_text__contains=word)
    return sessions.order_by("-held_on", "-pk")


def get_session_or_404(user: Any, pk: int) -> StudySession:
    session = visible_sessions(user).select_related("org").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def visible_points(user: Any, session: StudySession) -> QuerySet[BridgePoint]:
    points = BridgePoint.objects.filter(session=session).select_related("org")
    return scoped(user, Action.VIEW, points).order_by("pk")


@dataclass(frozen=True)
class PointRow:
    point: BridgePoint
    present: int
    rate: float

    @property
    def attendees(self) -> int:
        return self.present + self.point.non_members_present


@dataclass(frozen=True)
class Totals:
    points: int
    expected: int
    present: int
    non_members: int

    @property
    def attendees(self) -> int:
        return self.present + self.non_members

    @property
    def rate(self) -> float:
        return rate(self.present, self.expected)


def point_rows(points: QuerySet[BridgePoint]) -> list[PointRow]:
    annotated = points.annotate(present=Count("attendances"))
    return [
        PointRow(p, p.present, rate(p.present, p.members_expected))  # type: ignore[attr-defined]
        for p in annotated
    ]


def totals(points: QuerySet[BridgePoint]) -> Totals:
    rows = point_rows(points)
    return Totals(
        points=len(rows),
        expected=sum(r.point.members_expected for r in rows),
        present=sum(r.present for r in rows),
        non_members=sum(r.point.non_members_present for r in rows),
    )


# Figures of a scope and period: rows placed by the tree as it stood on the session's day.


def sessions_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[StudySession]:
    return dated_in_scope(
        StudySession.objects.all(), scope, start, end, org_field="org_id", date_field="held_on"
    )


def points_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[BridgePoint]:
    """Bridge points of sessions held in the period whose own organization was in the
    scope on that day (the participation of the scope's members)."""
    return dated_in_scope(
        BridgePoint.objects.all(), scope, start, end, org_field="org_id",
        date_field="session__held_on",
    )  # fmt: skip


def participation_by_org(points: QuerySet[BridgePoint]) -> list[dict[str, Any]]:
    """Expected, present and rate per bridge-point organization (over all its points)."""
    by_org: dict[int, dict[str, Any]] = {}
    for row in point_rows(points.select_related("org")):
        line = by_org.setdefault(
            row.point.org_id,
            {"org": row.point.org, "points": 0, "expected": 0, "present": 0, "non_members": 0},
        )
        line["points"] += 1
        line["expected"] += row.point.members_expected
        line["present"] += row.present
        line["non_members"] += row.point.non_members_present
    lines = sorted(by_org.values(), key=lambda line: line["org"].path)
    for line in lines:
        line["rate"] = rate(line["present"], line["expected"])
    return lines


# Classes --------------------------------------------------------------------------------


def class_list(
    user: Any,
    *,
    query: str = "",
    org: Organization | None = None,
    year: int | None = None,
    kind: str = "",
    action: Action = Action.VIEW,
) -> QuerySet[TrainingClass]:
    classes = scoped(user, action, TrainingClass.objects.all()).select_related("org")
    if org is not None:
        classes = classes.filter(org__path__startswith=org.path)
    if year:
        classes = classes.filter(ends_on__year=year)
    if kind:
        classes = classes.filter(kind=kind)
    for word in fold(query).split():
        classes = classes.filter(
            Q(search_text__contains=word) | Q(learners__search_name__contains=word)
        )
    return classes.annotate(learner_count=Count("learners", distinct=True)).order_by(
        "-ends_on", "-pk"
    )


def classes_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[TrainingClass]:
    """Classes ending in the period (a class is counted when it has been held through and
    its results are known), placed by the organizing org as the tree stood on that day."""
    return dated_in_scope(
        TrainingClass.objects.all(), scope, start, end, org_field="org_id", date_field="ends_on"
    )


def awareness_certificates(person: Person) -> QuerySet[Learner]:
    """The awareness-class certificates of a person (admission's trained step offers them).
    They are the candidate's own: read whatever organization held the class."""
    return (
        Learner.objects.filter(
            person=person, training_class__kind=ClassKind.AWARENESS, certificate_date__isnull=False
        )
        .exclude(certificate_number="")
        .select_related("training_class")
        .order_by("-certificate_date", "-pk")
    )


# Contests -------------------------------------------------------------------------------


def contest_list(
    user: Any,
    *,
    query: str = "",
    org: Organization | None = None,
    year: int | None = None,
    kind: str = "",
    action: Action = Action.VIEW,
) -> QuerySet[Contest]:
    contests = scoped(user, action, Contest.objects.all()).select_related("org")
    if org is not None:
        contests = contests.filter(org__path__startswith=org.path)
    if year:
        contests = contests.filter(held_on__year=year)
    if kind:
        contests = contests.filter(kind=kind)
    for word in fold(query).split():
        contests = contests.filter(
            Q(search_text__contains=word) | Q(entrants__search_name__contains=word)
        )
    return contests.annotate(
        entrant_count=Count("entrants", distinct=True),
        prize_count=Count("entrants", filter=~Q(entrants__prize=""), distinct=True),
    ).order_by("-held_on", "-pk")


def contests_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Contest]:
    return dated_in_scope(
        Contest.objects.all(), scope, start, end, org_field="org_id", date_field="held_on"
    )


def entrants_in_scope(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Entrant]:
    return Entrant.objects.filter(contest__in=contests_in_scope(scope, start, end).values("pk"))


# History ---------------------------------------------------------------------------------


def attendance_of(point: BridgePoint) -> QuerySet[SessionAttendance]:
    return point.attendances.select_related("member__person", "member__cell").order_by(
        "member__person__search_name"
    )


def can(user: Any, action: Action, org: Organization) -> bool:
    return scope_of(user).covers_path(action, org.path)
