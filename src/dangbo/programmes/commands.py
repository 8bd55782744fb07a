"""What `dangbo indicators` adds for targets: one entry per target with its actual."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangbo.orgs.models import Organization


def target_entries(
    org: Organization, *, at: dt.date, period: tuple[dt.date, dt.date] | None
) -> dict[str, dict[str, Any]]:
    """{"target.<pk>": {label, unit, value (the actual), target, share, manual, status,
    text}} for targets_for(org, period or the year of `at`), evaluated on `at` (or on the
    period's end if that comes first)."""
    from dangbo.programmes.selectors import targets_for
    from dangbo.programmes.targets import evaluate

    span = period or (dt.date(at.year, 1, 1), dt.date(at.year, 12, 31))
    out: dict[str, dict[str, Any]] = {}
    day = min(at, period[1]) if period else at  # the actual as of the period's end
    for target in targets_for(org, period=span):
        progress = evaluate(target, at=day)
        out[f"target.{target.pk}"] = {
            "label": target.label,
            "unit": progress.unit,
            "value": progress.actual,
            "target": float(target.value),
            "comparison": target.comparison,
            "share": progress.share,
            "manual": progress.manual,
            "status": progress.status,
            "text": progress.text,
        }
    return out
