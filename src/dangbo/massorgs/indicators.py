"""Figures of the mass organizations: money raised or given (đồng), activities, houses,
blood, beneficiaries in a period (by the tree as it stood on each activity's day), and
members on a date (the period's end when a period is given)."""

from __future__ import annotations

from django.db.models import Sum

from dangbo.indicators.registry import Context, Result, indicator
from dangbo.massorgs.models import MassOrgKind, Purpose
from dangbo.massorgs.selectors import activities_in_scope, members_on


def _activities(context: Context):  # type: ignore[no-untyped-def]
    return activities_in_scope(context.scope, *context.period_or_year)


def _sum(context: Context, column: str) -> Result:
    rows = _activities(context).filter(**{f"{column}__gt": 0})
    return Result(value=int(rows.aggregate(n=Sum(column))["n"] or 0), records=rows)


@indicator(
    "massorg.funds", "Số tiền đoàn thể vận động ủng hộ, hỗ trợ trong kỳ", "đồng",
    group="massorgs",
)  # fmt: skip
def massorg_funds(context: Context) -> Result:
    return _sum(context, "amount_vnd")


def _money_by(context: Context, column: str, labels: dict[str, str]) -> Result:
    rows = _activities(context).filter(amount_vnd__gt=0)
    sums = dict(rows.values_list(column).annotate(n=Sum("amount_vnd")).values_list(column, "n"))
    return Result(
        value={str(label): int(sums[k]) for k, label in labels.items() if sums.get(k)},
        records=rows,
    )


@indicator(
    "massorg.funds_by_purpose", "Số tiền đoàn thể ủng hộ, hỗ trợ theo mục đích", "đồng",
    group="massorgs",
)  # fmt: skip
def massorg_funds_by_purpose(context: Context) -> Result:
    return _money_by(context, "purpose", {k: str(v) for k, v in Purpose.choices})


@indicator(
    "massorg.funds_by_kind", "Số tiền ủng hộ, hỗ trợ theo đoàn thể", "đồng", group="massorgs"
)
def massorg_funds_by_kind(context: Context) -> Result:
    return _money_by(context, "massorg__kind", {k: str(v) for k, v in MassOrgKind.choices})


@indicator("massorg.activities", "Hoạt động của đoàn thể trong kỳ", "hoạt động", "massorgs")
def massorg_activities(context: Context) -> Result:
    rows = _activities(context)
    return Result(value=rows.count(), records=rows)


@indicator("massorg.houses", "Nhà tình nghĩa, mái ấm đoàn thể xây tặng", "nhà", "massorgs")
def massorg_houses(context: Context) -> Result:
    return _sum(context, "houses")


@indicator("massorg.blood_units", "Đơn vị máu hiến tặng", "đơn vị máu", group="massorgs")
def massorg_blood_units(context: Context) -> Result:
    return _sum(context, "blood_units")


@indicator("massorg.beneficiaries", "Lượt người được đoàn thể hỗ trợ", "người", group="massorgs")
def massorg_beneficiaries(context: Context) -> Result:
    return _sum(context, "beneficiaries")


@indicator(
    "massorg.members", "Đoàn viên, hội viên các đoàn thể (số báo cáo gần nhất)", "người",
    group="massorgs",
)  # fmt: skip
def massorg_members(context: Context) -> Result:
    at = context.period[1] if context.period else context.at
    total, rows = members_on(context.scope, at)
    return Result(value=total, records=rows)
