"""Indicators of documents, action programmes, work programmes and host units' figures.

Host units' figures (units.*): for each base organization under the scope (as the tree
stood on the row's period end), the row whose period equals the context period if there is
one, else its latest row lying within the context period and ended by the date (so the nine
months of 2021 read
the 1–9/2021 estimates, the year 2021 reads the yearly figures, and a year asked before its
yearly figures exist reads the latest estimate). Enterprises (state, private, FDI) give the
economic figures; agencies and public service units the task completion.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    When,
)

from dangbo.indicators.registry import Context, Result, indicator
from dangbo.orgs.models import BASE_KINDS, Organization, Sector
from dangbo.orgs.selectors import dated_in_scope, subtree_versions_at
from dangbo.programmes.models import (
    Direction,
    Document,
    ItemStatus,
    Programme,
    UnitFigures,
    WorkItem,
)

ENTERPRISES = (Sector.STATE_ENTERPRISE, Sector.PRIVATE_ENTERPRISE, Sector.FDI_ENTERPRISE)
AGENCIES = (Sector.STATE_AGENCY, Sector.PARTY_OR_MASS_AGENCY, Sector.PUBLIC_SERVICE_UNIT)


def _year_items(context: Context) -> QuerySet[WorkItem]:
    year = context.period_or_year[1].year
    return WorkItem.objects.filter(programme__org=context.scope, programme__year=year)


@indicator("work_items.total", "Đầu công việc trong chương trình công tác năm", "đầu việc",
           group="programmes")  # fmt: skip
def work_items_total(context: Context) -> Result:
    """The items of the scope organization's own work programme(s) of the period's year."""
    items = _year_items(context)
    return Result(value=items.count(), records=items)


@indicator("work_items.done", "Đầu công việc đã hoàn thành", "đầu việc", group="programmes")
def work_items_done(context: Context) -> Result:
    """Items of that work programme done on or before the date."""
    items = _year_items(context).filter(status=ItemStatus.DONE, done_on__lte=context.at)
    return Result(value=items.count(), records=items)


def unit_rows(context: Context, sectors: tuple[str, ...]) -> QuerySet[UnitFigures]:
    """The figures read for a period (see the module docstring), of base organizations of
    the given sectors: per unit, the best row by (period equals the context's, latest end,
    latest entry), chosen in SQL so a national scope stays one query."""
    start, end = context.period_or_year
    end = min(end, context.at)  # figures of a period not yet ended on the date are not known
    exact = Case(When(period_start=start, period_end=end, then=1), default=0,
                 output_field=IntegerField())  # fmt: skip
    window = UnitFigures.objects.filter(
        org__sector__in=sectors, period_start__gte=start, period_end__lte=end
    ).annotate(exact=exact)
    better = window.filter(org_id=OuterRef("org_id")).filter(
        Q(exact__gt=OuterRef("exact"))
        | Q(exact=OuterRef("exact"), period_end__gt=OuterRef("period_end"))
        | Q(exact=OuterRef("exact"), period_end=OuterRef("period_end"), pk__gt=OuterRef("pk"))
    )
    rows = dated_in_scope(window, context.scope, start, end, date_field="period_end")
    return rows.exclude(Exists(better)).select_related("org")


def _sum(rows: QuerySet[UnitFigures], expression: Any) -> Decimal:
    total = rows.order_by().aggregate(total=Sum(expression))["total"]
    return Decimal(total or 0)


@indicator("units.revenue", "Doanh thu của các doanh nghiệp", "tỉ đồng", group="units")
def units_revenue(context: Context) -> Result:
    rows = unit_rows(context, ENTERPRISES)
    total = _sum(rows, "revenue") / 1000  # triệu -> tỉ đồng
    return Result(value=round(float(total), 1), records=rows)


@indicator("units.workers", "Người lao động trong các doanh nghiệp", "người", group="units")
def units_workers(context: Context) -> Result:
    rows = unit_rows(context, ENTERPRISES)
    return Result(value=int(_sum(rows, "workers")), records=rows)


@indicator("units.avg_income", "Thu nhập bình quân của người lao động doanh nghiệp",
           "triệu đồng/tháng", group="units")  # fmt: skip
def units_avg_income(context: Context) -> Result:
    """Weighted by workers: Σ(income × workers) / Σ workers, over units giving both."""
    rows = unit_rows(context, ENTERPRISES).filter(avg_income__isnull=False, workers__gt=0)
    workers = _sum(rows, "workers")
    weighted = _sum(rows, ExpressionWrapper(F("avg_income") * F("workers"),
                                            output_field=DecimalField()))  # fmt: skip
    value = round(float(weighted / workers), 1) if workers else 0.0
    return Result(value=value, records=rows)


@indicator("units.enterprises", "Doanh nghiệp có số liệu sản xuất, kinh doanh", "doanh nghiệp",
           group="units")  # fmt: skip
def units_enterprises(context: Context) -> Result:
    rows = unit_rows(context, ENTERPRISES).filter(profit__isnull=False)
    return Result(value=rows.count(), records=rows)


@indicator("units.profitable", "Doanh nghiệp sản xuất, kinh doanh có lãi", "doanh nghiệp",
           group="units")  # fmt: skip
def units_profitable(context: Context) -> Result:
    rows = unit_rows(context, ENTERPRISES).filter(profit__gt=0)
    return Result(value=rows.count(), records=rows)


@indicator("units.profitable_rate", "Tỉ lệ doanh nghiệp có lãi", "%", group="units")
def units_profitable_rate(context: Context) -> Result:
    rows = unit_rows(context, ENTERPRISES).filter(profit__isnull=False)
    total = rows.count()
    good = rows.filter(profit__gt=0)
    return Result(value=round(100 * good.count() / total, 2) if total else 0.0, records=good)


@indicator("units.agencies", "Cơ quan, đơn vị có kết quả thực hiện nhiệm vụ", "cơ quan",
           group="units")  # fmt: skip
def units_agencies(context: Context) -> Result:
    rows = unit_rows(context, AGENCIES).filter(task_completed__isnull=False)
    return Result(value=rows.count(), records=rows)


@indicator("units.task_completed", "Cơ quan, đơn vị hoàn thành nhiệm vụ", "cơ quan",
           group="units")  # fmt: skip
def units_task_completed(context: Context) -> Result:
    rows = unit_rows(context, AGENCIES).filter(task_completed=True)
    return Result(value=rows.count(), records=rows)


@indicator("units.task_completed_rate", "Tỉ lệ cơ quan, đơn vị hoàn thành nhiệm vụ", "%",
           group="units")  # fmt: skip
def units_task_completed_rate(context: Context) -> Result:
    rows = unit_rows(context, AGENCIES).filter(task_completed__isnull=False)
    total = rows.count()
    done = rows.filter(task_completed=True)
    return Result(value=round(100 * done.count() / total, 2) if total else 0.0, records=done)


def _new_base(context: Context, sector: str) -> Result:
    start, end = context.period_or_year
    orgs = dated_in_scope(
        Organization.objects.filter(kind__in=BASE_KINDS, sector=sector), context.scope,
        start, end, org_field="pk", date_field="founded_on",
    )  # fmt: skip
    return Result(value=orgs.count(), records=orgs)


@indicator("units.new_base_private", "Tổ chức cơ sở đảng mới thành lập trong doanh nghiệp "
           "ngoài nhà nước", "tổ chức", group="units")  # fmt: skip
def units_new_base_private(context: Context) -> Result:
    return _new_base(context, Sector.PRIVATE_ENTERPRISE)


@indicator("units.new_base_fdi", "Tổ chức cơ sở đảng mới thành lập trong doanh nghiệp FDI",
           "tổ chức", group="units")  # fmt: skip
def units_new_base_fdi(context: Context) -> Result:
    return _new_base(context, Sector.FDI_ENTERPRISE)


@indicator("programmes.count", "Chương trình hành động ban hành trong kỳ", "chương trình",
           group="programmes")  # fmt: skip
def programmes_count(context: Context) -> Result:
    rows = dated_in_scope(
        Programme.objects.all(), context.scope, *context.period_or_year, date_field="issued_on"
    )
    return Result(value=rows.count(), records=rows)


def implemented_documents(scope: Organization, start: dt.date, end: dt.date) -> QuerySet[Document]:
    """What the scope organization's own programmes of the period implement: the documents
    they carry out, and the documents that issued them."""
    own = Programme.objects.filter(org=scope, year_from__lte=end.year, year_to__gte=start.year)
    return Document.objects.filter(
        Q(programmes__in=own) | Q(pk__in=own.exclude(issued_as=None).values("issued_as"))
    ).distinct()


@indicator("programmes.base_with_programme", "Cấp ủy cơ sở đã ban hành chương trình hành động",
           "tổ chức", group="programmes")  # fmt: skip
def programmes_base_with_programme(context: Context) -> Result:
    """Base organizations under the scope on the date that have issued, by the date, an
    action programme implementing what the scope's own programmes of the period implement
    (the same resolutions, or the scope's programme itself); if the scope has none, any
    programme of the period's years. Measures "100% cấp ủy cơ sở ban hành chương trình hành
    động" as a share of orgs.base."""
    start, end = context.period_or_year
    bases = subtree_versions_at(context.scope, context.at).filter(kind__in=BASE_KINDS)
    programmes = Programme.objects.filter(
        org_id__in=bases.values("org_id"), issued_on__lte=context.at,
        year_from__lte=end.year, year_to__gte=start.year,
    )  # fmt: skip
    docs = implemented_documents(context.scope, start, end)
    if docs.exists():
        programmes = programmes.filter(documents__in=docs)
    orgs = Organization.objects.filter(pk__in=programmes.values("org_id"))
    return Result(value=orgs.count(), records=orgs)


@indicator("documents.issued", "Văn bản ban hành trong kỳ", "văn bản", group="programmes")
def documents_issued(context: Context) -> Result:
    rows = dated_in_scope(
        Document.objects.filter(direction=Direction.ISSUED), context.scope,
        *context.period_or_year, date_field="issued_on",
    )  # fmt: skip
    return Result(value=rows.count(), records=rows)


@indicator("documents.by_type", "Văn bản ban hành trong kỳ theo loại", "văn bản",
           group="programmes")  # fmt: skip
def documents_by_type(context: Context) -> Result:
    rows = documents_issued(context).records
    assert rows is not None  # noqa: S101
    counts: dict[str, int] = {}
    for doc in rows.only("doc_type"):
        label = str(doc.get_doc_type_display())
        counts[label] = counts.get(label, 0) + 1
    return Result(value=dict(sorted(counts.items())), records=rows)
