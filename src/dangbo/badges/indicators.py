"""Indicators of huy hiệu đảng: who is due (the proposal list) and what was awarded."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from dangbo.badges.models import BadgeAward
from dangbo.badges.selectors import Due, awards_in_scope, due_levels
from dangbo.indicators.registry import Context, Result, indicator
from dangbo.members.models import Member
from dangbo.members.selectors import members_at
from dangbo.orgs.selectors import dated_in_scope


def _due(context: Context) -> list[Due]:
    """Members in the scope on the date reaching a level in its year, not awarded it by
    the date (presented on or before it)."""
    year = context.at.year
    return due_levels(
        members_at(context.scope, context.at),
        lower=dt.date(year, 1, 1),
        upper=dt.date(year, 12, 31),
        awarded_by=context.at,
    )


@indicator(
    "badges.due",
    "Đảng viên đủ tuổi đảng nhận Huy hiệu trong năm, chưa được trao",
    "đảng viên",
    group="badges",
)
def badges_due(context: Context) -> Result:
    ids = {d.member_id for d in _due(context)}
    return Result(value=len(ids), records=Member.objects.filter(pk__in=ids))


@indicator(
    "badges.due_by_level",
    "Đảng viên đủ tuổi nhận Huy hiệu trong năm, chưa được trao, theo mốc",
    "đảng viên",
    group="badges",
)
def badges_due_by_level(context: Context) -> Result:
    due = _due(context)
    counts: dict[str, int] = {}
    for d in sorted(due, key=lambda d: d.years):
        counts[f"{d.years} năm"] = counts.get(f"{d.years} năm", 0) + 1
    return Result(value=counts, records=Member.objects.filter(pk__in={d.member_id for d in due}))


@indicator("badges.awarded", "Huy hiệu Đảng đã trao trong kỳ", "huy hiệu", group="badges")
def badges_awarded(context: Context) -> Result:
    awards = awards_in_scope(context.scope, *context.period_or_year)
    return Result(value=awards.count(), records=awards)


@indicator(
    "badges.awarded_by_level", "Huy hiệu Đảng đã trao trong kỳ, theo mốc", "huy hiệu", "badges"
)
def badges_awarded_by_level(context: Context) -> Result:
    awards = awards_in_scope(context.scope, *context.period_or_year)
    rows = awards.values("years").annotate(n=Count("id")).order_by("years")
    return Result(value={f"{r['years']} năm": r["n"] for r in rows}, records=awards)


@indicator("badges.returned", "Huy hiệu Đảng thu hồi trong kỳ", "huy hiệu", group="badges")
def badges_returned(context: Context) -> Result:
    """Badges handed back in the period by members who left, counted by the cell they
    were awarded in (as the tree stood on the day they were handed back)."""
    returned = dated_in_scope(
        BadgeAward.objects.filter(returned_on__isnull=False), context.scope,
        *context.period_or_year, org_field="cell_id", date_field="returned_on",
    )  # fmt: skip
    return Result(value=returned.count(), records=returned)
