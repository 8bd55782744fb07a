"""The registry of indicators: every figure the system reports is one of these.

An indicator has a stable dotted key, a Vietnamese label, a unit and a function
of (scope organization, date, period) returning its value and the records behind
it. Targets, the dashboard, reports and the API read indicators; none of them
counts records on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from dangbo.orgs.models import Organization


@dataclass(frozen=True)
class Context:
    scope: Organization
    at: dt.date
    period: tuple[dt.date, dt.date] | None = None

    @property
    def period_or_year(self) -> tuple[dt.date, dt.date]:
        """The period asked for, or 1/1 of the year of `at` up to `at`."""
        return self.period or (dt.date(self.at.year, 1, 1), self.at)


@dataclass
class Result:
    # A count, a rate, or a breakdown {category label: count}.
    value: int | float | dict[str, int]
    records: QuerySet[Any] | None = None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    compute: Callable[[Context], Result]
    group: str = ""

    def __call__(self, context: Context) -> Result:
        return self.compute(context)


_REGISTRY: dict[str, Indicator] = {}


def indicator(
    key: str, label: str, unit: str = "", group: str = ""
) -> Callable[[Callable[[Context], Result]], Callable[[Context], Result]]:
    """Register a computation under `key`."""

    def decorate(func: Callable[[Context], Result]) -> Callable[[Context], Result]:
        if key in _REGISTRY:
            raise ValueError(f"indicator {key} registered twice")
        _REGISTRY[key] = Indicator(key=key, label=label, unit=unit, compute=func, group=group)
        return func

    return decorate


def get(key: str) -> Indicator:
    return _REGISTRY[key]


def all_indicators() -> Iterator[Indicator]:
    return iter(sorted(_REGISTRY.values(), key=lambda i: i.key))


def compute(key: str, context: Context) -> Result:
    return _REGISTRY[key](context)


def compute_all(context: Context) -> dict[str, dict[str, Any]]:
    """Every registered indicator as {key: {label, unit, value}} (the CLI's JSON)."""
    out: dict[str, dict[str, Any]] = {}
    for ind in all_indicators():
        result = ind(context)
        out[ind.key] = {"label": ind.label, "unit": ind.unit, "value": result.value}
    return out
