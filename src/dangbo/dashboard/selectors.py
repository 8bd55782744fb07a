"""What the dashboard shows for one organization and one period: the figures strip, every
target with its progress, and the charts. Every number is an indicator value read through
the registry's cache (each computed once per data version); every number links to the
records behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404

from dangbo.core.scope import Action, get_scoped_or_404, scoped
from dangbo.core.text import format_date, format_number
from dangbo.dashboard.periods import Period, month_end
from dangbo.indicators import registry
from dangbo.indicators.links import records_url
from dangbo.indicators.registry import Context, IndicatorValue
from dangbo.orgs.models import Organization
from dangbo.programmes.selectors import targets_for
from dangbo.programmes.targets import TargetProgress, evaluate

# The figures strip, in the order the office reads them.
FIGURE_KEYS = [
    "members.total",
    "orgs.base",
    "admission.admitted",
    "discipline.total",
    "inspection.done_rate",
    "meetings.held_rate",
    "commendation.total",
    "dues.collection_rate",
    "massorg.funds",
]
# Target statuses that carry a warning.
WARNING_STATUSES = {"at_risk", "missed"}
# Past this many months a time series is drawn by year ends; past this many quarters, the
# inspections by year.
MAX_MONTHS = 24
MAX_QUARTERS = 8
# How many years of ratings a chart compares at most.
MAX_RATING_YEARS = 6
ROMAN = ["I", "II", "III", "IV"]


def display(value: IndicatorValue | Decimal | None, unit: str = "") -> str:
    """A figure written the Vietnamese way with its unit: "3.407 đảng viên", "75%",
    "96,67%", "1.830,8 triệu đồng"."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        return display(sum(value.values()), unit)
    number: float | int | Decimal = value
    if unit == "đồng" and abs(float(number)) >= 1_000_000:
        number, unit = float(number) / 1_000_000, "triệu đồng"
    if isinstance(number, int) or number == int(number):
        text = format_number(int(number))
    else:
        text = format_number(number, 2 if unit == "%" else 1)
    if unit == "%":
        return text + "%"
    return f"{text} {unit}".strip()


class Contexts:
    """Contexts of one scope sharing a single read of the data version (one query)."""

    def __init__(self, org: Organization) -> None:
        self.org = org
        self._version: str | None = None

    def make(self, at: dt.date, period: tuple[dt.date, dt.date] | None = None) -> Context:
        context = Context(scope=self.org, at=at, period=period)
        if self._version is None:
            self._version = context.data_version
        else:
            context.__dict__["data_version"] = self._version
        return context


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    value: IndicatorValue
    text: str
    url: str


def figure(key: str, context: Context) -> Figure | None:
    """Indicator `key` in `context` (cached) with the link to its records; None if no app
    registers it."""
    try:
        ind = registry.get(key)
    except KeyError:
        return None
    value = ind.value(context)
    return Figure(
        key=key,
        label=ind.label,
        unit=ind.unit,
        value=value,
        text=display(value, ind.unit),
        url=records_url(key, context),
    )


def figures_strip(contexts: Contexts, period: Period) -> list[Figure]:
    context = contexts.make(period.at, period.so_far)
    return [f for f in (figure(key, context) for key in FIGURE_KEYS) if f is not None]


# Targets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    """A target's progress (programmes.targets.TargetProgress) as the dashboard shows it."""

    progress: TargetProgress
    org_name: str
    period_text: str
    value_text: str
    projection_text: str
    warning: str  # "" when the target is reached or on track

    @property
    def status(self) -> str:
        return str(self.progress.status)


def _number(value: float | Decimal | None, decimals: int = 2) -> str:
    if value is None:
        return "–"
    if value == int(value):
        return format_number(int(value))
    return format_number(value, decimals)


def target_row(progress: TargetProgress, org: Organization) -> TargetRow:
    target = progress.target
    period_text = f"{format_date(target.period_start)} – {format_date(target.period_end)}"
    warning = ""
    if progress.status == "missed":
        warning = f"Không đạt chỉ tiêu: {progress.text}."
    elif progress.status == "at_risk":
        if progress.projection is not None:
            warning = (
                f"Theo tiến độ hiện nay, đến {format_date(target.period_end)} chỉ đạt khoảng "
                f"{_number(round(progress.projection))}/{_number(target.value)}: "
                "có nguy cơ không đạt chỉ tiêu."
            )
        else:
            warning = "Có nguy cơ không đạt chỉ tiêu."
    return TargetRow(
        progress=progress,
        org_name="" if target.org_id == org.pk else target.org.name,
        period_text=period_text,
        value_text=_number(target.value) + ("%" if progress.unit == "%" else ""),
        projection_text=_number(progress.projection, 1),
        warning=warning,
    )


def target_rows(
    org: Organization, period: Period, user: Any = None, *, below: bool = False
) -> list[TargetRow]:
    """Every target of `org` (with `below`, of its subtree too) whose period overlaps
    `period`, evaluated as of `period.at`."""

    targets = targets_for(org, period=(period.start, period.end), user=user, below=below)
    return [target_row(evaluate(t, at=period.at), org) for t in targets]


# Charts ----------------------------------------------------------------------------------


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


@dataclass
class Dashboard:
    org: Organization
    period: Period
    figures: list[Figure]
    targets: list[TargetRow]
    charts: list[Chart]

    @property
    def warnings(self) -> list[TargetRow]:
        return [r for r in self.targets if r.warning]


def dashboard_for(
    org: Organization, period: Period, *, user: Any = None, below: bool = False
) -> Dashboard:
    """The whole dashboard of `org` in `period`; `user` limits the targets to their scope,
    `below` adds the targets of the organizations under `org`."""
    contexts = Contexts(org)
    rows = target_rows(org, period, user, below=below)
    charts = [
        membership_chart(contexts, period),
        admissions_chart(contexts, period, rows),
        ratings_chart(contexts, period),
        inspections_chart(contexts, period),
        funds_chart(contexts, period),
    ]
    return Dashboard(
        org=org,
        period=period,
        figures=figures_strip(contexts, period),
        targets=rows,
        charts=[c for c in charts if c is not None],
    )


# The organization picker ------------------------------------------------------------------

# How many organizations the picker lists (as the indicator page); any other is reached by
# its link (?org=<pk>).
PICKER_LIMIT = 300


def chosen_org(user: Any, raw: str) -> Organization | None:
    """The organization asked for (404 alike when missing or out of scope), or the user's
    first top organization."""
    from dangbo.backoffice.views.orgs_common import scope_roots

    raw = raw.strip()
    if raw:
        if not raw.isdigit():
            raise Http404
        return get_scoped_or_404(user, Action.VIEW, Organization.objects.all(), pk=int(raw))
    roots = scope_roots(user)
    return roots[0] if roots else None


def org_choices(user: Any, chosen: Organization) -> list[tuple[int, str]]:
    """(pk, name indented by depth) of the organizations in the user's scope, the chosen
    one always among them. Dissolved ones are offered too, marked: their past periods
    keep their figures."""
    orgs = scoped(user, Action.VIEW, Organization.objects.all())
    listed = list(orgs.order_by("path")[:PICKER_LIMIT])
    if chosen.pk not in {o.pk for o in listed}:
        listed.insert(0, chosen)
    top = min(o.depth for o in listed)
    return [(o.pk, "\u2003" * (o.depth - top) + _org_label(o)) for o in listed]


def _org_label(org: Organization) -> str:
    if org.dissolved_on is None:
        return org.name
    return f"{org.name} (giải thể {format_date(org.dissolved_on)})"
