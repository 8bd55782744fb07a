"""Figures of inspection and supervision, and of complaints and denunciations.

`inspection.planned/done/done_on_time/done_rate` count the items of the plans of the scope
organization's OWN executive committee whose planned quarter begins in the period: the way
the 2021 bloc report counts "the executive committee completed 09/12 (75% of the plan)".
The other inspection figures read the items of every body of the scope and below, each
counted on its day (planned quarter's first day, or the day an unplanned one was decided)
by the tree as it stood then. Letters count by the body competent to settle them.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from dangbo.indicators.registry import Context, Result, indicator
from dangbo.inspection import selectors
from dangbo.inspection.models import (
    BodyKind,
    InspectionItem,
    ItemKind,
    ItemStatus,
    LetterKind,
)
from dangbo.orgs.models import OrgKind

_ABOVE_BASE = (
    OrgKind.CENTRAL, OrgKind.PROVINCIAL_COMMITTEE, OrgKind.BLOC_COMMITTEE, OrgKind.LOCAL_COMMITTEE,
)  # fmt: skip


def _own_planned(context: Context) -> QuerySet[InspectionItem]:
    start, end = context.period_or_year
    return InspectionItem.objects.filter(
        plan__org=context.scope,
        plan__body=BodyKind.EXECUTIVE,
        planned_quarter__isnull=False,
        ref_date__gte=start,
        ref_date__lte=end,
    ).select_related("plan")


def _own_done(context: Context) -> QuerySet[InspectionItem]:
    end = context.period_or_year[1]
    return _own_planned(context).filter(status=ItemStatus.DONE, ended_on__lte=end)


def _on_time_ids(items: QuerySet[InspectionItem]) -> list[int]:
    return [item.pk for item in items if item.on_time]


@indicator(
    "inspection.planned",
    "Cuộc kiểm tra, giám sát theo kế hoạch của Ban Chấp hành (quý dự kiến trong kỳ)",
    "cuộc",
    group="inspection",
)
def inspection_planned(context: Context) -> Result:
    items = _own_planned(context)
    return Result(value=items.count(), records=items)


@indicator(
    "inspection.done",
    "Cuộc kiểm tra, giám sát theo kế hoạch của Ban Chấp hành đã hoàn thành",
    "cuộc",
    group="inspection",
)
def inspection_done(context: Context) -> Result:
    items = _own_done(context)
    return Result(value=items.count(), records=items)


@indicator(
    "inspection.done_on_time",
    "Cuộc kiểm tra, giám sát của Ban Chấp hành hoàn thành đúng quý kế hoạch",
    "cuộc",
    group="inspection",
)
def inspection_done_on_time(context: Context) -> Result:
    ids = _on_time_ids(_own_done(context))
    return Result(value=len(ids), records=InspectionItem.objects.filter(pk__in=ids))


@indicator(
    "inspection.done_rate",
    "Tỷ lệ hoàn thành kế hoạch kiểm tra, giám sát của Ban Chấp hành",
    "%",
    group="inspection",
)
def inspection_done_rate(context: Context) -> Result:
    planned = _own_planned(context).count()
    done = _own_done(context)
    rate = round(100 * done.count() / planned, 2) if planned else 0.0
    return Result(value=rate, records=done)


def _all_items(context: Context) -> QuerySet[InspectionItem]:
    return selectors.items_in_scope(context.scope, *context.period_or_year)


def _level_label(org_kind: str) -> str:
    return "cấp trên cơ sở" if org_kind in _ABOVE_BASE else "cơ sở"


@indicator(
    "inspection.by_body",
    "Cuộc kiểm tra, giám sát trong kỳ, theo chủ thể (cấp trên cơ sở, cơ sở)",
    "cuộc",
    group="inspection",
)
def inspection_by_body(context: Context) -> Result:
    items = _all_items(context)
    counts: Counter[str] = Counter()
    for body, org_kind in items.values_list("plan__body", "plan__org__kind"):
        counts[f"{BodyKind(body).label} – {_level_label(org_kind)}"] += 1
    order = {f"{b.label} – {lvl}": i for i, (b, lvl) in enumerate(
        (b, lvl) for lvl in ("cấp trên cơ sở", "cơ sở") for b in BodyKind)}  # fmt: skip
    return Result(value=dict(sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))),
                  records=items)  # fmt: skip


@indicator(
    "inspection.by_kind",
    "Cuộc kiểm tra, giám sát trong kỳ, theo loại",
    "cuộc",
    group="inspection",
)
def inspection_by_kind(context: Context) -> Result:
    items = _all_items(context)
    counts = Counter(items.values_list("kind", flat=True))
    value = {str(kind.label): counts[kind.value] for kind in ItemKind if counts[kind.value]}
    return Result(value=value, records=items)


@indicator(
    "inspection.unplanned",
    "Cuộc kiểm tra, giám sát ngoài kế hoạch trong kỳ (gồm kiểm tra khi có dấu hiệu vi phạm)",
    "cuộc",
    group="inspection",
)
def inspection_unplanned(context: Context) -> Result:
    items = _all_items(context).filter(unplanned=True)
    return Result(value=items.count(), records=items)


@indicator(
    "inspection.orgs_covered",
    "Tổ chức đảng có trong chương trình, kế hoạch kiểm tra, giám sát trong kỳ",
    "tổ chức",
    group="inspection",
)
def inspection_orgs_covered(context: Context) -> Result:
    from dangbo.orgs.models import Organization

    ids = set(
        _all_items(context)
        .filter(subject_org__isnull=False)
        .values_list("subject_org_id", flat=True)
    )
    return Result(value=len(ids), records=Organization.objects.filter(pk__in=ids))


@indicator(
    "inspection.members_covered",
    "Đảng viên được kiểm tra, giám sát trong kỳ",
    "đảng viên",
    group="inspection",
)
def inspection_members_covered(context: Context) -> Result:
    from dangbo.members.models import Member

    ids = set(
        _all_items(context)
        .filter(subject_member__isnull=False)
        .values_list("subject_member_id", flat=True)
    )
    return Result(value=len(ids), records=Member.objects.filter(pk__in=ids))


@indicator("complaints.received", "Đơn thư khiếu nại, tố cáo nhận trong kỳ", "đơn",
           group="complaints")  # fmt: skip
def complaints_received(context: Context) -> Result:
    letters = selectors.letters_received(context.scope, *context.period_or_year)
    return Result(value=letters.count(), records=letters)


@indicator("complaints.settled", "Đơn thư đã giải quyết trong kỳ", "đơn", group="complaints")
def complaints_settled(context: Context) -> Result:
    letters = selectors.letters_settled(context.scope, *context.period_or_year)
    return Result(value=letters.count(), records=letters)


@indicator(
    "complaints.settled_on_time",
    "Đơn thư giải quyết trong kỳ, đúng thời hạn",
    "đơn",
    group="complaints",
)
def complaints_settled_on_time(context: Context) -> Result:
    letters = selectors.with_due(selectors.letters_settled(context.scope, *context.period_or_year))
    from django.db.models import F, Q

    on_time = letters.filter(Q(due_on__isnull=True) | Q(settled_on__lte=F("due_on")))
    return Result(value=on_time.count(), records=on_time)


@indicator(
    "complaints.overdue",
    "Đơn thư quá hạn giải quyết (chưa giải quyết khi hết hạn)",
    "đơn",
    group="complaints",
)
def complaints_overdue(context: Context) -> Result:
    letters = selectors.letters_overdue(context.scope, *context.period_or_year)
    return Result(value=letters.count(), records=letters)


@indicator(
    "complaints.closed",
    "Đơn thư lưu, không giải quyết trong kỳ (giấu tên, không thuộc thẩm quyền, quá hạn khiếu nại)",
    "đơn",
    group="complaints",
)
def complaints_closed(context: Context) -> Result:
    from dangbo.inspection.models import Complaint, LetterStatus
    from dangbo.orgs.selectors import dated_in_scope

    letters = dated_in_scope(
        Complaint.objects.filter(status=LetterStatus.CLOSED), context.scope,
        *context.period_or_year, org_field="settling_org_id", date_field="closed_on",
    )  # fmt: skip
    return Result(value=letters.count(), records=letters)


@indicator("complaints.by_kind", "Đơn thư nhận trong kỳ, theo loại", "đơn", group="complaints")
def complaints_by_kind(context: Context) -> Result:
    letters = selectors.letters_received(context.scope, *context.period_or_year)
    counts = Counter(letters.values_list("kind", flat=True))
    value = {str(kind.label): counts[kind.value] for kind in LetterKind if counts[kind.value]}
    return Result(value=value, records=letters)
