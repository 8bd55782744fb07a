"""The visitor counter: "Đang online, Hôm nay, Trong tuần, Tất cả".

A visitor is a salted hash of (address, browser, day), kept only in the cache: "online" is
the number of such hashes seen in the last five minutes (one cache set per minute), a new
hash of the day adds one visitor to the day's row. Rows per day live in the portal
database, so the figures survive restarts; a page view costs one UPDATE and a few cache
reads. No address, no user agent is ever written anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Sum
from django.utils import timezone

from dangbo.portal_public.models import VisitDay

ONLINE_MINUTES = 5
_TOTALS_KEY = "portal:visit-totals"
TOTALS_SECONDS = 60  # the figures shown may lag by up to a minute


def visitor_token(request: Any, day: dt.date) -> str:
    raw = "|".join(
        [
            settings.SECRET_KEY,
            str(day),
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_USER_AGENT", "")[:200],
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _minute(now: float) -> int:
    return int(now // 60)


def count_visit(request: Any, *, now: float | None = None) -> None:
    """Count one page view of `request` (and a new visitor if its hash is new today)."""
    moment = time.time() if now is None else now
    day = timezone.localdate(dt.datetime.fromtimestamp(moment, tz=dt.UTC))
    token = visitor_token(request, day)
    key = f"portal:online:{_minute(moment)}"
    seen = cache.get(key) or set()
    if token not in seen:
        seen.add(token)
        cache.set(key, seen, (ONLINE_MINUTES + 1) * 60)
    new_visitor = cache.add(f"portal:seen:{day}:{token}", 1, 26 * 3600)
    updated = VisitDay.objects.filter(day=day).update(
        views=F("views") + 1, visitors=F("visitors") + (1 if new_visitor else 0)
    )
    if not updated:
        row, created = VisitDay.objects.get_or_create(
            day=day, defaults={"views": 1, "visitors": 1 if new_visitor else 0}
        )
        if not created:
            VisitDay.objects.filter(pk=row.pk).update(
                views=F("views") + 1, visitors=F("visitors") + (1 if new_visitor else 0)
            )
    # The totals are not dropped here: they expire by themselves (TOTALS_SECONDS), so a
    # page view does not cost the aggregate queries again.


def online_now(*, now: float | None = None) -> int:
    moment = time.time() if now is None else now
    current = _minute(moment)
    keys = [f"portal:online:{current - i}" for i in range(ONLINE_MINUTES)]
    tokens: set[str] = set()
    for value in cache.get_many(keys).values():
        tokens |= value
    return len(tokens)


@dataclass(frozen=True)
class Totals:
    online: int
    today: int
    week: int
    all: int


def totals(*, today: dt.date | None = None) -> Totals:
    """The four figures of the counter, refreshed once a minute: online and today count
    distinct visitors; the week (from Monday) and all time add up each day's distinct
    visitors, so they count visits ("lượt truy cập"), not people."""
    day = today or timezone.localdate()
    cached = cache.get(_TOTALS_KEY)
    if cached is None or cached[0] != day:
        monday = day - dt.timedelta(days=day.weekday())
        rows = VisitDay.objects.filter(day__gte=monday, day__lte=day).values_list("day", "visitors")
        week = sum(v for _, v in rows)
        on_day = next((v for d, v in rows if d == day), 0)
        everything = VisitDay.objects.aggregate(n=Sum("visitors"))["n"] or 0
        cached = (day, on_day, week, everything)
        cache.set(_TOTALS_KEY, cached, TOTALS_SECONDS)
    return Totals(online=online_now(), today=cached[1], week=cached[2], all=cached[3])


def history(start: dt.date, end: dt.date) -> list[tuple[dt.date, int, int]]:
    """(day, visitors, views) of each day with visits in [start, end]."""
    return list(
        VisitDay.objects.filter(day__gte=start, day__lte=end).values_list(
            "day", "visitors", "views"
        )
    )
