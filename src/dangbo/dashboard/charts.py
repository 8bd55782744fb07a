"""The dashboard's charts: membership over time, admissions against the target, ratings by
grade, inspections against the plan, the mass organizations' funds. Every value is an
indicator value read through the registry's cache, and links to its records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dangbo.core.text import format_date
from dangbo.dashboard.periods import Period, month_end
from dangbo.dashboard.values import (
    MAX_MONTHS,
    MAX_QUARTERS,
    MAX_RATING_YEARS,
    ROMAN,
    Contexts,
    display,
)
from dangbo.indicators import registry
from dangbo.indicators.links import records_url
from dangbo.indicators.registry import IndicatorValue
from dangbo.orgs.models import Organization

if TYPE_CHECKING:
    from dangbo.dashboard.selectors import TargetRow


@dataclass
class Series:
    label: str
    values: list[float | int | None]
    urls: list[str]
    kind: str = ""  # "line" or "bar" when it differs from the chart's type
    dashed: bool = False


@dataclass
class Chart:
    id: str
    title: str
    type: str  # "line" or "bar"
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    unit: str = ""
    note: str = ""
    from_zero: bool = True  # the value axis starts at 0

    @property
    def data_id(self) -> str:
        return self.id + "-data"

    @property
    def empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)

    def as_json(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "unit": self.unit,
            "from_zero": self.from_zero,
            "series": [
                {"label": s.label, "values": s.values, "urls": s.urls, "kind": s.kind,
                 "dashed": s.dashed}
                for s in self.series
            ],
        }  # fmt: skip

    def table(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(label, [(value text, url) per series]) rows of the table fallback."""
        return [
            (label, [(display(s.values[i], self.unit), s.urls[i]) for s in self.series])
            for i, label in enumerate(self.labels)
        ]


def time_points(period: Period) -> tuple[list[dt.date], str]:
    """Month ends from the period's start up to `at` (the last point is `at`), or year ends
    when that would be more than MAX_MONTHS; with the label format."""
    start, at = period.start, period.at
    months = (at.year - start.year) * 12 + at.month - start.month + 1
    points: list[dt.date] = []
    if months <= MAX_MONTHS:
        year, month = start.year, start.month
        while (year, month) <= (at.year, at.month):
            points.append(min(month_end(year, month), at))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return points, "%m/%Y"
    points = [min(dt.date(y, 12, 31), at) for y in range(start.year, at.year + 1)]
    return points, "%Y"


def _label(point: dt.date, fmt: str, last: bool) -> str:
    # The last point is `at`: name the day when it is not the end of its month or year.
    if last and (point != month_end(point.year, point.month) or (fmt == "%Y" and point.month < 12)):
        return format_date(point)
    return point.strftime(fmt)


def _known(key: str) -> bool:
    try:
        registry.get(key)
    except KeyError:
        return False
    return True


def _scalar(value: IndicatorValue) -> int | float:
    return sum(value.values()) if isinstance(value, dict) else value


def membership_chart(contexts: Contexts, period: Period) -> Chart | None:
    key = "members.total"
    if not _known(key):
        return None
    points, fmt = time_points(period)
    values: list[float | int | None] = []
    urls = []
    for point in points:
        context = contexts.make(point)
        values.append(_scalar(registry.value(key, context)))
        urls.append(records_url(key, context))
    labels = [_label(p, fmt, i == len(points) - 1) for i, p in enumerate(points)]
    title = "Số đảng viên cuối mỗi " + ("tháng" if fmt == "%m/%Y" else "năm")
    return Chart(
        id="chart-membership",
        title=title,
        type="line",
        labels=labels,
        series=[Series(label="Tổng số đảng viên", values=values, urls=urls)],
        unit="đảng viên",
        from_zero=False,  # a few members more or less must show
    )


def _admission_target(rows: list[TargetRow], org: Organization, period: Period) -> Any:
    """The target on admission.admitted that the admissions chart draws: the scope's own
    first, then the one whose period starts nearest the period's start (the year's target
    for a year, the term's for the term), then the shortest."""
    candidates = [
        r.progress.target
        for r in rows
        if r.progress.target.indicator_key == "admission.admitted"
        and r.progress.target.comparison in ("at_least", "exactly")
    ]
    candidates.sort(
        key=lambda t: (
            t.org_id != org.pk,
            abs((t.period_start - period.start).days),
            t.period_end - t.period_start,
        )
    )
    return candidates[0] if candidates else None


def admissions_chart(contexts: Contexts, period: Period, rows: list[TargetRow]) -> Chart | None:
    """Admissions since the period's start, cumulated by month, against the target: its
    value, and the pace that reaches it evenly by the target's end."""
    key = "admission.admitted"
    if not _known(key):
        return None
    points, fmt = time_points(period)
    values: list[float | int | None] = []
    urls = []
    for point in points:
        context = contexts.make(point, (period.start, point))
        values.append(_scalar(registry.value(key, context)))
        urls.append(records_url(key, context))
    chart = Chart(
        id="chart-admissions",
        title="Kết nạp đảng viên, cộng dồn từ đầu kỳ, so với chỉ tiêu",
        type="line",
        labels=[_label(p, fmt, i == len(points) - 1) for i, p in enumerate(points)],
        series=[Series(label="Đã kết nạp (cộng dồn)", values=values, urls=urls)],
        unit="đảng viên",
    )
    target = _admission_target(rows, contexts.org, period)
    if target is None:
        chart.note = "Chưa có chỉ tiêu kết nạp đảng viên cho kỳ này."
        return chart
    goal = float(target.value)
    days = (target.period_end - target.period_start).days + 1
    pace = [
        round(goal * max(0, min(days, (p - target.period_start).days + 1)) / days, 1)
        for p in points
    ]
    blank = ["" for _ in points]
    chart.series.append(
        Series(label=f"Chỉ tiêu: {target.label}", values=[goal] * len(points), urls=blank,
               dashed=True)
    )  # fmt: skip
    chart.series.append(Series(label="Tiến độ cần đạt", values=pace, urls=blank, dashed=True))
    return chart


def _rating_years(period: Period) -> list[int]:
    """The years of the period; for a period within one year also the year before (its
    ratings are decided in December, so this year's may not be in yet)."""
    first, last = period.start.year, period.end.year
    if first == last:
        first -= 1
    return list(range(max(first, last - MAX_RATING_YEARS + 1), last + 1))


def ratings_chart(contexts: Contexts, period: Period) -> Chart | None:
    key = "rating.by_grade"
    if not _known(key):
        return None
    series: list[Series] = []
    labels: list[str] = []
    for year in _rating_years(period):
        context = contexts.make(period.at, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
        value = registry.value(key, context)
        if not isinstance(value, dict) or not any(value.values()):
            continue
        labels = list(value)
        url = records_url(key, context)
        series.append(
            Series(label=f"Năm {year}", values=list(value.values()), urls=[url] * len(value))
        )
    chart = Chart(
        id="chart-ratings",
        title="Tổ chức đảng theo mức xếp loại chất lượng",
        type="bar",
        labels=labels,
        series=series,
        unit="tổ chức",
    )
    if not series:
        chart.note = f"Chưa có kết quả xếp loại đến ngày {format_date(period.at)}."
    return chart


def _buckets(period: Period) -> list[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of the quarters of the period, or its years if many."""
    start, end = period.start, period.end
    quarters: list[tuple[str, dt.date, dt.date]] = []
    year, q = start.year, (start.month - 1) // 3
    while dt.date(year, 3 * q + 1, 1) <= end:
        first = dt.date(year, 3 * q + 1, 1)
        quarters.append(
            (f"Quý {ROMAN[q]}/{year}", max(first, start), min(month_end(year, 3 * q + 3), end))
        )
        year, q = (year + 1, 0) if q == 3 else (year, q + 1)
    if len(quarters) <= MAX_QUARTERS:
        return quarters
    return [
        (str(y), max(dt.date(y, 1, 1), start), min(dt.date(y, 12, 31), end))
        for y in range(start.year, end.year + 1)
    ]


def inspections_chart(contexts: Contexts, period: Period) -> Chart | None:
    """Inspections and supervisions of the executive committee's plan, planned against done,
    cumulated from the period's start to the end of each quarter (of each year for a long
    period): the last column is the figure of the period ("09/12")."""
    keys = ("inspection.planned", "inspection.done")
    if not all(_known(k) for k in keys):
        return None
    labels: list[str] = []
    planned = Series(label="Theo kế hoạch (cộng dồn)", values=[], urls=[])
    done = Series(label="Đã hoàn thành (cộng dồn)", values=[], urls=[])
    for label, _first, last in _buckets(period):
        context = contexts.make(min(last, period.at), (period.start, min(last, period.at)))
        if last > period.at:  # a quarter still to come: its plan, nothing done yet
            context = contexts.make(period.at, (period.start, last))
        labels.append(f"Đến hết {label}")
        for series, key in ((planned, keys[0]), (done, keys[1])):
            series.values.append(_scalar(registry.value(key, context)))
            series.urls.append(records_url(key, context))
    return Chart(
        id="chart-inspections",
        title="Kiểm tra, giám sát theo kế hoạch của cấp ủy: kế hoạch và đã hoàn thành",
        type="bar",
        labels=labels,
        series=[planned, done],
        unit="cuộc",
    )


def funds_chart(contexts: Contexts, period: Period) -> Chart | None:
    key = "massorg.funds_by_kind"
    if not _known(key):
        return None
    context = contexts.make(period.at, period.so_far)
    value = registry.value(key, context)
    if not isinstance(value, dict):
        return None
    url = records_url(key, context)
    return Chart(
        id="chart-funds",
        title="Số tiền các đoàn thể vận động ủng hộ, hỗ trợ trong kỳ",
        type="bar",
        labels=list(value),
        series=[
            Series(
                label="Triệu đồng",
                values=[round(v / 1_000_000, 1) for v in value.values()],
                urls=[url] * len(value),
            )
        ],
        unit="triệu đồng",
    )
