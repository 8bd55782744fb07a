"""Indicators of đánh giá, xếp loại chất lượng.

Members rated with a grade in the rating year of the context (the year of its period's
end, else of its date), counted by the tree as it stood on each round's reference day (so
the 2021 figures of a bloc dissolved in 2025 stay as they were), and only grades decided
by the context's date.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from dangbo.indicators.registry import Context, Result, indicator
from dangbo.members.models import Member
from dangbo.orgs.models import Organization
from dangbo.orgs.selectors import dated_in_scope
from dangbo.rating.models import Grade, MemberRating, OrgRating, SubjectKind

GROUP = "Xếp loại chất lượng"


def rating_year(context: Context) -> int:
    return (context.period[1] if context.period else context.at).year


def decided_member_ratings(context: Context) -> QuerySet[MemberRating]:
    year = rating_year(context)
    ratings = MemberRating.objects.filter(year=year, decided_on__lte=context.at).exclude(
        decided_grade=""
    )
    return dated_in_scope(
        ratings,
        context.scope,
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
        org_field="cell_id",
        date_field="round__reference_on",
    )


def _members_with(context: Context, grade: str) -> Result:
    ratings = decided_member_ratings(context).filter(decided_grade=grade)
    return Result(
        value=ratings.count(), records=Member.objects.filter(pk__in=ratings.values("member_id"))
    )


@indicator("rating.excellent", "Đảng viên hoàn thành xuất sắc nhiệm vụ", "đảng viên", GROUP)
def rating_excellent(context: Context) -> Result:
    return _members_with(context, Grade.EXCELLENT)


@indicator("rating.good", "Đảng viên hoàn thành tốt nhiệm vụ", "đảng viên", GROUP)
def rating_good(context: Context) -> Result:
    return _members_with(context, Grade.GOOD)


@indicator("rating.completed", "Đảng viên hoàn thành nhiệm vụ", "đảng viên", GROUP)
def rating_completed(context: Context) -> Result:
    return _members_with(context, Grade.COMPLETED)


@indicator("rating.not_completed", "Đảng viên không hoàn thành nhiệm vụ", "đảng viên", GROUP)
def rating_not_completed(context: Context) -> Result:
    return _members_with(context, Grade.NOT_COMPLETED)


@indicator("rating.by_grade", "Tổ chức đảng theo mức xếp loại chất lượng", "tổ chức", GROUP)
def rating_by_grade(context: Context) -> Result:
    """Organizations (subject "tổ chức đảng") by decided grade, in the rating year."""
    year = rating_year(context)
    ratings = dated_in_scope(
        OrgRating.objects.filter(
            year=year, subject=SubjectKind.ORGANIZATION, decided_on__lte=context.at
        ).exclude(decided_grade=""),
        context.scope,
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
        org_field="org_id",
        date_field="round__reference_on",
    )
    counts = dict(
        ratings.values_list("decided_grade")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("decided_grade", "n")
    )
    value = {str(label): counts.get(grade, 0) for grade, label in Grade.choices}
    return Result(value=value, records=Organization.objects.filter(pk__in=ratings.values("org_id")))
