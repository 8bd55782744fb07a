"""The calendar of an organization: what each app puts on it (meetings, study sessions…).

Apps register a source in their AppConfig.ready(); the calendar page asks every source
for the entries of one organization's subtree in a date range, already scoped to the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dangbo.orgs.models import Organization


@dataclass(frozen=True)
class CalendarEntry:
    day: dt.date
    title: str
    url: str
    kind: str  # a short Vietnamese label: "Sinh hoạt chi bộ", "Học tập nghị quyết"…
    org_name: str = ""


# (user, org, first day, last day) -> the entries the user may see in org's subtree
Source = Callable[[Any, Organization, dt.date, dt.date], Iterable[CalendarEntry]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def entries(user: Any, org: Organization, first: dt.date, last: dt.date) -> list[CalendarEntry]:
    found = [entry for source in _SOURCES for entry in source(user, org, first, last)]
    return sorted(found, key=lambda e: (e.day, e.kind, e.title))
