"""Indicators of admission work, probation and political standard conclusions.

Flows in a period (trained, verified, admitted, concluded) count the step's or the
conclusion's date and judge the organization by the tree as it stood that day, so the
2021 figures of the demo bloc stay what they were after the 2025 restructuring.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, F, OuterRef

from dangbo.admission import rules
from dangbo.admission.models import (
    AdmissionCase,
    AdmissionStep,
    PoliticalStandardConclusion,
    Purpose,
    Stage,
)
from dangbo.indicators.registry import Context, Result, indicator
from dangbo.members.choices import MemberStatus
from dangbo.members.models import Member
from dangbo.members.selectors import periods_at
from dangbo.orgs.selectors import dated_in_scope, subtree_versions_at


def _steps(context: Context, kind: str) -> Result:
    steps = dated_in_scope(
        AdmissionStep.objects.filter(kind=kind), context.scope, *context.period_or_year,
        org_field="case__cell_id",
    )  # fmt: skip
    case_ids = set(steps.values_list("case_id", flat=True))
    return Result(value=len(case_ids), records=AdmissionCase.objects.filter(pk__in=case_ids))


@indicator("admission.trained", "Đối tượng được bồi dưỡng nhận thức về Đảng trong kỳ", "người",
           group="admission")  # fmt: skip
def admission_trained(context: Context) -> Result:
    return _steps(context, Stage.TRAINED)


@indicator("admission.verified", "Đối tượng đã thẩm tra lý lịch trong kỳ", "người",
           group="admission")  # fmt: skip
def admission_verified(context: Context) -> Result:
    return _steps(context, Stage.VERIFIED)


@indicator("admission.admitted", "Đảng viên được quyết định kết nạp trong kỳ", "đảng viên",
           group="admission")  # fmt: skip
def admission_admitted(context: Context) -> Result:
    return _steps(context, Stage.DECISION)


@indicator("admission.candidates", "Đối tượng kết nạp đang bồi dưỡng, xem xét", "người",
           group="admission")  # fmt: skip
def admission_candidates(context: Context) -> Result:
    """Open cases on the date: identified, not yet decided, not withdrawn."""
    at = context.at
    cells = subtree_versions_at(context.scope, at).values("org_id")
    ended = AdmissionStep.objects.filter(
        case=OuterRef("pk"), kind__in=[Stage.DECISION, Stage.WITHDRAWN], date__lte=at
    )
    cases = AdmissionCase.objects.filter(cell_id__in=cells, identified_on__lte=at).exclude(
        Exists(ended)
    )
    return Result(value=cases.count(), records=cases)


def _year_targets(context: Context) -> Any:
    """The yearly admission targets of the scope organization for every calendar year the
    period overlaps: programmes targets on admission.admitted over exactly one year (the
    general targets of the programmes app replaced the stopgap AdmissionTarget model). A
    period within one year (a quarter, nine months) takes that year's target; a period
    spanning several years (a term, 2020-2025) takes the sum of those years' targets."""
    from dangbo.programmes.models import Comparison, PeriodKind
    from dangbo.programmes.selectors import targets_for

    start, end = context.period_or_year
    span = (dt.date(start.year, 1, 1), dt.date(end.year, 12, 31))
    years = range(start.year, end.year + 1)
    return targets_for(context.scope, period=span).filter(
        indicator_key="admission.admitted", period_kind=PeriodKind.YEAR,
        period_start__year__in=years, period_start__month=1, period_start__day=1,
        period_end__month=12, period_end__day=31,
        comparison__in=[Comparison.AT_LEAST, Comparison.EXACTLY],
    ).filter(period_end__year=F("period_start__year"))  # fmt: skip


@indicator("admission.target", "Chỉ tiêu kết nạp đảng viên của năm", "đảng viên",
           group="admission")  # fmt: skip
def admission_target(context: Context) -> Result:
    """The sum of the yearly targets of the years the period overlaps (see _year_targets)."""
    targets = _year_targets(context)
    return Result(value=int(sum(t.value for t in targets)), records=targets)


@indicator("admission.target_share", "Kết nạp so với chỉ tiêu năm", "%", group="admission")
def admission_target_share(context: Context) -> Result:
    admitted = admission_admitted(context)
    target = int(sum(t.value for t in _year_targets(context)))
    count = admitted.value if isinstance(admitted.value, int) else 0
    share = round(100 * count / target, 2) if target else 0.0
    return Result(value=share, records=admitted.records)


def _probationers(context: Context) -> list[tuple[Member, dt.date, dt.date]]:
    """(member, end of probation, deadline of the cell's consideration) on the date."""
    periods = periods_at(context.scope, context.at).filter(status=MemberStatus.PROBATIONARY)
    members = Member.objects.filter(pk__in=periods.values("member_id")).only(
        "pk", "ceremony_on", "admitted_on"
    )
    return [
        (member, *rules.recognition_deadline(member.admitted_on, member.ceremony_on))
        for member in members
        if member.admitted_on is not None
    ]


@indicator("probation.ending", "Đảng viên dự bị hết thời gian dự bị trong 30 ngày tới",
           "đảng viên", group="admission")  # fmt: skip
def probation_ending(context: Context) -> Result:
    horizon = context.at + dt.timedelta(days=30)
    ids = [m.pk for m, ends, _ in _probationers(context) if context.at <= ends <= horizon]
    return Result(value=len(ids), records=Member.objects.filter(pk__in=ids))


@indicator("probation.overdue", "Đảng viên dự bị quá hạn xét công nhận chính thức", "đảng viên",
           group="admission")  # fmt: skip
def probation_overdue(context: Context) -> Result:
    """Past the 30 working days after probation ended, still probationary (232-QĐ/TW 4.2)."""
    ids = [m.pk for m, _, deadline in _probationers(context) if deadline < context.at]
    return Result(value=len(ids), records=Member.objects.filter(pk__in=ids))


def _conclusions(context: Context) -> Result:
    conclusions = dated_in_scope(
        PoliticalStandardConclusion.objects.all(), context.scope, *context.period_or_year,
        date_field="concluded_on",
    )  # fmt: skip
    return Result(value=conclusions.count(), records=conclusions)


@indicator("political_standard.concluded", "Trường hợp được kết luận tiêu chuẩn chính trị trong kỳ",
           "trường hợp", group="admission")  # fmt: skip
def political_standard_concluded(context: Context) -> Result:
    return _conclusions(context)


@indicator("political_standard.by_purpose", "Kết luận tiêu chuẩn chính trị theo mục đích",
           "trường hợp", group="admission")  # fmt: skip
def political_standard_by_purpose(context: Context) -> Result:
    result = _conclusions(context)
    assert result.records is not None
    labels = dict(Purpose.choices)
    rows = result.records.values("purpose").annotate(n=Count("id")).order_by("purpose")
    value = {str(labels.get(r["purpose"], r["purpose"])): r["n"] for r in rows}
    return Result(value=value, records=result.records)
