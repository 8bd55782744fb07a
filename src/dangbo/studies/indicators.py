"""Indicators of học tập, bồi dưỡng, hội thi. Each row of a period is placed by the tree as
it stood on its own date: a session and a contest by their day, a bridge point by its
session's day, a class by its closing day (ends_on)."""

from __future__ import annotations

from django.db.models import Count, Sum

from dangbo.indicators.registry import Context, Result, indicator
from dangbo.studies import selectors
from dangbo.studies.models import ClassKind, Learner, Prize, SessionAttendance
from dangbo.studies.rules import rate


def _points(context: Context):  # type: ignore[no-untyped-def]
    return selectors.points_in_scope(context.scope, *context.period_or_year)


def _present(context: Context):  # type: ignore[no-untyped-def]
    return SessionAttendance.objects.filter(bridge_point__in=_points(context).values("pk"))


def _expected(points) -> int:  # type: ignore[no-untyped-def]
    return int(points.aggregate(n=Sum("members_expected"))["n"] or 0)


@indicator("study.sessions", "Hội nghị, buổi học tập, quán triệt", "buổi", group="studies")
def study_sessions(context: Context) -> Result:
    sessions = selectors.sessions_in_scope(context.scope, *context.period_or_year)
    return Result(value=sessions.count(), records=sessions)


@indicator("study.bridge_points", "Điểm cầu học tập, quán triệt", "điểm cầu", group="studies")
def study_bridge_points(context: Context) -> Result:
    points = _points(context)
    return Result(value=points.count(), records=points)


@indicator(
    "study.attendees", "Người dự học tập, quán triệt (đảng viên và quần chúng)", "người",
    group="studies",
)  # fmt: skip
def study_attendees(context: Context) -> Result:
    points = _points(context)
    non_members = int(points.aggregate(n=Sum("non_members_present"))["n"] or 0)
    present = _present(context)
    return Result(value=present.count() + non_members, records=points)


@indicator("study.members_present", "Đảng viên dự học tập, quán triệt", "lượt đảng viên", "studies")
def study_members_present(context: Context) -> Result:
    present = _present(context)
    return Result(value=present.count(), records=present)


@indicator(
    "study.members_expected", "Đảng viên phải dự học tập, quán triệt", "lượt đảng viên",
    group="studies",
)  # fmt: skip
def study_members_expected(context: Context) -> Result:
    points = _points(context)
    return Result(value=_expected(points), records=points)


@indicator(
    "study.participation_rate", "Tỉ lệ đảng viên tham gia học tập, quán triệt", "%",
    group="studies",
)  # fmt: skip
def study_participation_rate(context: Context) -> Result:
    points = _points(context)
    return Result(value=rate(_present(context).count(), _expected(points)), records=points)


@indicator("training.classes", "Lớp bồi dưỡng đã tổ chức", "lớp", group="studies")
def training_classes(context: Context) -> Result:
    classes = selectors.classes_in_scope(context.scope, *context.period_or_year)
    return Result(value=classes.count(), records=classes)


def _learners(context: Context):  # type: ignore[no-untyped-def]
    classes = selectors.classes_in_scope(context.scope, *context.period_or_year)
    return Learner.objects.filter(training_class__in=classes.values("pk"))


@indicator("training.learners", "Học viên các lớp bồi dưỡng", "học viên", group="studies")
def training_learners(context: Context) -> Result:
    learners = _learners(context)
    return Result(value=learners.count(), records=learners)


@indicator("training.by_kind", "Lớp bồi dưỡng theo loại lớp", "lớp", group="studies")
def training_by_kind(context: Context) -> Result:
    classes = selectors.classes_in_scope(context.scope, *context.period_or_year)
    counts = dict(classes.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return Result(
        value={str(kind.label): counts[kind.value] for kind in ClassKind if kind.value in counts},
        records=classes,
    )


@indicator("training.certified", "Học viên được cấp giấy chứng nhận", "học viên", group="studies")
def training_certified(context: Context) -> Result:
    learners = _learners(context).exclude(certificate_number="")
    return Result(value=learners.count(), records=learners)


@indicator("contest.count", "Hội thi đã tổ chức", "hội thi", group="studies")
def contest_count(context: Context) -> Result:
    contests = selectors.contests_in_scope(context.scope, *context.period_or_year)
    return Result(value=contests.count(), records=contests)


@indicator("contest.entrants", "Thí sinh dự hội thi", "thí sinh", group="studies")
def contest_entrants(context: Context) -> Result:
    entrants = selectors.entrants_in_scope(context.scope, *context.period_or_year)
    return Result(value=entrants.count(), records=entrants)


@indicator("contest.prizes", "Giải thưởng hội thi đã trao", "giải", group="studies")
def contest_prizes(context: Context) -> Result:
    entrants = selectors.entrants_in_scope(context.scope, *context.period_or_year)
    prized = entrants.exclude(prize="")
    return Result(value=prized.count(), records=prized)


@indicator("contest.prizes_by_rank", "Giải thưởng hội thi theo giải", "giải", group="studies")
def contest_prizes_by_rank(context: Context) -> Result:
    entrants = selectors.entrants_in_scope(context.scope, *context.period_or_year)
    prized = entrants.exclude(prize="")
    counts = dict(prized.values("prize").annotate(n=Count("id")).values_list("prize", "n"))
    order = (Prize.FIRST, Prize.SECOND, Prize.THIRD, Prize.CONSOLATION)
    return Result(value={str(p.label): counts.get(p.value, 0) for p in order}, records=prized)
