"""How far a target has got: its actual from its indicator (or the latest value entered
by hand), the share of the target reached, a projection to the end of its period and a
status. The dashboard, the reports and `dangbo indicators` all read `evaluate`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dangbo.core.text import format_number
from dangbo.indicators import registry
from dangbo.indicators.registry import Context
from dangbo.programmes.models import Comparison, Target, TargetManualValue

STATUS_LABELS = {
    "reached": "Đã đạt",
    "on_track": "Đúng tiến độ",
    "at_risk": "Có nguy cơ không đạt",
    "missed": "Không đạt",
    "unknown": "Chưa có số liệu",
}
MANUAL_MARK = "nhập tay"


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: float | None
    share: float | None  # percent of the target reached (not capped; cap for display only)
    projection: float | None  # actual projected to period_end, linear by days elapsed
    status: str
    status_label: str
    manual: bool
    entered_by: Any
    entered_at: dt.datetime | None
    text: str  # "116/120 (96,67%)", "92,5% / 90%" (no trailing zeros, as the issue writes)
    records_url: str

    @property
    def bar(self) -> float:
        """The share capped at 100, for a progress bar."""
        return min(100.0, max(0.0, self.share or 0.0))

    @property
    def unit(self) -> str:
        if self.target.comparison == Comparison.SHARE:
            return "%"
        if self.target.unit:
            return self.target.unit
        if self.target.indicator_key:
            return registry.get(self.target.indicator_key).unit
        return ""


def _plain(x: float) -> str:
    """At most two decimals, without trailing zeros: 97,5; 0; 96,67; 3.407."""
    text = format_number(x, decimals=2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _percent(part: float, whole: float) -> str:
    return f"{_plain(100 * part / whole)}%"


def _number(value: Any) -> float:
    if isinstance(value, dict):
        return float(sum(value.values()))
    return float(value)


def _status(target: Target, actual: float, projection: float | None, finished: bool) -> str:
    goal = float(target.value)
    kind = target.comparison
    if kind == Comparison.AT_MOST:
        if actual > goal:
            return "missed"
        if finished:
            return "reached"
        # Warn before the ceiling is passed: the pace so far would pass it by the end.
        return "at_risk" if projection is not None and projection > goal else "on_track"
    if kind == Comparison.EXACTLY and finished:
        return "reached" if actual == goal else "missed"
    if kind == Comparison.EXACTLY and actual > goal:
        return "at_risk"
    if actual >= goal:
        return "reached" if finished or kind != Comparison.SHARE else "on_track"
    if finished:
        return "missed"
    if kind == Comparison.SHARE:
        return "at_risk"
    return "on_track" if projection is not None and projection >= goal else "at_risk"


def evaluate(target: Target, *, at: dt.date) -> TargetProgress:
    """The progress of `target` on `at`: its indicator over Context(scope=target.org,
    at=min(at, period_end), period=(period_start, min(at, period_end))); a share is
    100 * indicator / denominator. A target without an indicator takes the latest value
    entered by hand on or before `at`."""
    end = min(at, target.period_end)
    finished = at >= target.period_end
    actual: float | None = None
    manual = target.is_manual
    entered_by = entered_at = None
    url = ""
    if end < target.period_start:
        pass  # the period has not begun
    elif manual:
        row = (
            TargetManualValue.objects.filter(target=target, at__lte=at)
            .select_related("entered_by")
            .order_by("-at", "-pk")
            .first()
        )
        if row is not None:
            actual = float(row.value)
            entered_by, entered_at = row.entered_by, row.entered_at
    else:
        context = Context(scope=target.org, at=end, period=(target.period_start, end))
        value = _number(registry.value(target.indicator_key, context))
        if target.comparison == Comparison.SHARE and target.denominator_key:
            whole = _number(registry.value(target.denominator_key, context.on(end)))
            actual = round(100 * value / whole, 2) if whole else None
        else:
            actual = value
        from dangbo.indicators.links import records_url

        url = records_url(target.indicator_key, context)

    goal = float(target.value)
    share = round(100 * actual / goal, 2) if actual is not None and goal else None
    projection: float | None = None
    if actual is not None and target.comparison in (
        Comparison.AT_LEAST, Comparison.EXACTLY, Comparison.AT_MOST,
    ):  # fmt: skip
        if finished:
            projection = actual
        else:
            elapsed = (end - target.period_start).days + 1
            total = (target.period_end - target.period_start).days + 1
            projection = round(actual * total / elapsed, 2)
    status = "unknown" if actual is None else _status(target, actual, projection, finished)

    if actual is None:
        text = "–"
    elif target.comparison == Comparison.SHARE:
        text = f"{_plain(actual)}% / {_plain(goal)}%"
    else:
        text = f"{_plain(actual)}/{_plain(goal)}"
        if goal:
            text += f" ({_percent(actual, goal)})"
    if manual and actual is not None:
        text += f" ({MANUAL_MARK})"
    return TargetProgress(
        target=target, actual=actual, share=share, projection=projection, status=status,
        status_label=STATUS_LABELS[status], manual=manual, entered_by=entered_by,
        entered_at=entered_at, text=text, records_url=url,
    )  # fmt: skip
