"""The registry of indicators: every figure the system reports is one of these.

An indicator has a stable dotted key, a Vietnamese label, a unit and a function
of (scope organization, date, period) returning its value and the records behind
it. Targets, the dashboard, reports and the API read indicators; none of them
counts records on its own.

Values are cached. `value(key, context)` (and `Indicator.value`) reads the figure through
Django's cache; `compute()` (value and records) is never cached, because the records are a
QuerySet and pickling a QuerySet evaluates it. Only the plain value is stored.

How a cached value is invalidated: every cache key carries the *data version*, the tuple of
MAX(id) of six tables read in one query (`data_version()`):

    accounts_auditentry (change and import rows only; an index on (action, id) keeps
    these two maxima one index probe each), orgs_orgevent, orgs_orgversion,
    members_membershipevent, members_person, members_memberperiod

Why this is enough. An indicator reads only MemberPeriod, Member, Person, MembershipEvent,
OrgVersion and Organization. Every write to those goes through a service, and every service
inserts at least one row into one of the six tables in the same transaction:

- members.services: member_create, member_record_event (and member_transfer), member_delete_event,
  member_update and members_bulk_create write an AuditEntry (and new events and periods);
  person_save inserts a Person, or, when it changes an existing one, writes an AuditEntry;
  the person's lists (work, training, family) write an AuditEntry.
- members.bulk.write_drafts (bulk create, demo data) inserts people, events and periods.
- orgs.services: org_create, org_rename, org_move, org_dissolve, org_merge, org_split each
  insert an OrgEvent; seat_create and seat_end write an AuditEntry (terms and seats are read
  by no indicator).
- imports: rows are written through the services above.

Deletes and updates do not raise a MAX; each of them happens inside one of these services,
next to an insert. Since ids only grow (PostgreSQL sequences never go back; SQLite tables use
AUTOINCREMENT), a new committed write gives a new version, and the version is read from the
database, so web workers and the task worker agree without sharing a cache. A new write path
must keep this promise: insert an audit row or an event.

Limits. (1) On PostgreSQL a transaction that commits *after* another one that took a higher id
is not seen by MAX: a value computed in between is stale until the next write; entries
therefore expire after CACHE_SECONDS. (2) On SQLite ids of a rolled-back transaction are taken
again; no code computes indicators inside a write transaction that may roll back (tests clear
the cache between tests).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

from dangbo.orgs.models import Organization

# The tables every write path inserts into (see the module docstring). Audit rows count only
# for changes: reads and exports are audited too, and must not expire every cached figure.
VERSION_TABLES = (
    "accounts_auditentry WHERE action = 'change'",
    "accounts_auditentry WHERE action = 'import'",
    "orgs_orgevent",
    "orgs_orgversion",
    "members_membershipevent",
    "members_person",
    "members_memberperiod",
)
# A bound on staleness for the one case MAX(id) cannot see (limit 1 in the docstring).
CACHE_SECONDS = 600
_MISSING = object()
# Constant table names, no user input.
_SUBQUERIES = ", ".join(f"(SELECT MAX(id) FROM {t})" for t in VERSION_TABLES)  # noqa: S608
_VERSION_SQL = f"SELECT {_SUBQUERIES}"


def data_version() -> str:
    """MAX(id) of the VERSION_TABLES, read in one query, as dot-separated numbers."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    return ".".join(str(n or 0) for n in row)


# A frozen dataclass without slots: functools.cached_property stores into __dict__.
@dataclass(frozen=True)
class Context:
    scope: Organization
    at: dt.date
    period: tuple[dt.date, dt.date] | None = None

    @property
    def period_or_year(self) -> tuple[dt.date, dt.date]:
        """The period asked for, or 1/1 of the year of `at` up to `at`."""
        return self.period or (dt.date(self.at.year, 1, 1), self.at)

    @functools.cached_property
    def data_version(self) -> str:
        """The data version, read once per context (see the module docstring)."""
        return data_version()

    def on(self, at: dt.date) -> Context:
        """The same scope and period as of another date, sharing the data version read."""
        other = Context(scope=self.scope, at=at, period=self.period)
        if "data_version" in self.__dict__:
            other.__dict__["data_version"] = self.__dict__["data_version"]
        return other

    def cache_key(self, key: str) -> str:
        period = f"{self.period[0]:%Y%m%d}-{self.period[1]:%Y%m%d}" if self.period else ""
        return f"indicator:{key}:{self.scope.pk}:{self.at:%Y%m%d}:{period}:v{self.data_version}"


# A count, a rate, or a breakdown {category label: count}.
IndicatorValue = int | float | dict[str, int]


@dataclass
class Result:
    value: IndicatorValue
    records: QuerySet[Any] | None = None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    compute: Callable[[Context], Result]
    group: str = ""

    def __call__(self, context: Context) -> Result:
        result = self.compute(context)
        if isinstance(result.value, dict):
            # Breakdown labels are often choice labels (lazy translations): plain strings
            # keep the value JSON-serializable and cacheable.
            result.value = {str(label): n for label, n in result.value.items()}
        return result

    def value(self, context: Context) -> IndicatorValue:
        """The value only, through the cache (keyed by the data version of `context`)."""
        cache_key = context.cache_key(self.key)
        cached = cache.get(cache_key, _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[no-any-return]
        result = self(context).value
        cache.set(cache_key, result, CACHE_SECONDS)
        return result


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
    """Value and records, uncached (for the pages that list the records)."""
    return _REGISTRY[key](context)


def value(key: str, context: Context) -> IndicatorValue:
    """The value of `key`, through the cache."""
    return _REGISTRY[key].value(context)


def compute_all(context: Context) -> dict[str, dict[str, Any]]:
    """Every registered indicator as {key: {label, unit, value}} (the CLI's JSON), cached."""
    return {
        ind.key: {"label": ind.label, "unit": ind.unit, "value": ind.value(context)}
        for ind in all_indicators()
    }
