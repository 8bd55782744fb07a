"""Indicators of đảng phí, in the scope and the period (default: the year up to the date).

The months counted are those begun in the period (a row is dated by its month's first
day), in cells under the scope as the tree stood that day. A payment counts when it was
made on or before the date; so due = collected + owed (without overpayments) and a past
figure stays what it was.
"""

from __future__ import annotations

from django.db.models import QuerySet

from dangbo.dues import rules
from dangbo.dues.models import DuesMonth
from dangbo.dues.selectors import in_period, totals, unpaid_members, unpaid_q
from dangbo.indicators.registry import Context, Result, indicator
from dangbo.members.models import Member


def _rows(context: Context) -> QuerySet[DuesMonth]:
    start, end = context.period_or_year
    return in_period(context.scope, start, min(end, context.at))


@indicator("dues.due", "Đảng phí phải thu", "đồng", group="dues")
def dues_due(context: Context) -> Result:
    rows = _rows(context)
    return Result(value=totals(rows, context.at)["due"], records=rows)


@indicator("dues.collected", "Đảng phí đã thu", "đồng", group="dues")
def dues_collected(context: Context) -> Result:
    rows = _rows(context)
    return Result(
        value=totals(rows, context.at)["collected"],
        records=rows.filter(amount_paid__gt=0, paid_on__lte=context.at),
    )


@indicator("dues.owed", "Đảng phí còn phải thu", "đồng", group="dues")
def dues_owed(context: Context) -> Result:
    rows = _rows(context)
    return Result(value=totals(rows, context.at)["owed"], records=rows.filter(unpaid_q(context.at)))


@indicator("dues.collection_rate", "Tỉ lệ thu đảng phí", "%", group="dues")
def dues_collection_rate(context: Context) -> Result:
    rows = _rows(context)
    figures = totals(rows, context.at)
    rate = round(100 * figures["collected"] / figures["due"], 2) if figures["due"] else 0.0
    return Result(value=rate, records=rows)


@indicator(
    "dues.members_owing",
    "Đảng viên chưa đóng đủ đảng phí các tháng trong kỳ",
    "đảng viên",
    group="dues",
)
def dues_members_owing(context: Context) -> Result:
    owing = _rows(context).filter(unpaid_q(context.at)).values("member_id")
    records = Member.objects.filter(pk__in=owing)
    return Result(value=records.count(), records=records)


@indicator(
    "dues.members_unpaid_3_months",
    "Đảng viên không đóng đảng phí từ 3 tháng trong năm (xem xét xóa tên)",
    "đảng viên",
    group="dues",
)
def dues_members_unpaid_3_months(context: Context) -> Result:
    """Điều lệ Đảng, Điều 8 khoản 2 (and 01-QĐ/TW): three months in a year unpaid without
    good reason; the months counted are those ended by the date."""
    threshold = rules.rules_for(context.at).unpaid_months_flag
    records = unpaid_members(_rows(context), context.at, threshold)
    return Result(value=records.count(), records=records)


@indicator(
    "dues.members_exempt",
    "Đảng viên được miễn đảng phí trong kỳ",
    "đảng viên",
    group="dues",
)
def dues_members_exempt(context: Context) -> Result:
    """Members with a month of the period exempt in full (a relief of 100%, or 50 years of
    Party age under 01-QĐ/TW)."""
    rows = _rows(context).filter(relief_percent__gte=100)
    records = Member.objects.filter(pk__in=rows.values("member_id"))
    return Result(value=records.count(), records=records)
