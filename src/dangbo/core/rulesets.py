"""Rule sets chosen by the date they apply to.

Regulations change (most texts the seeds name were replaced in 2025–2026), so a rule is
never a bare constant: each family of rules (admission, rating, dues, …) is a frozen
dataclass with one instance per regulation in force from a date, and `pick()` chooses the
instance for the day a rule applies to. Where a finding is uncertain (RULES.md marks it
Medium or Low) its number is a field of the rule set, and a deployment may change it
without touching code:

    DANGBO_RULE_OVERRIDES = {"admission": {"certificate_valid_months": 60}}

(settings, or the environment variable of the same name holding JSON).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from django.conf import settings


@dataclasses.dataclass(frozen=True)
class RuleSet:
    """One version of a family of rules: in force from `effective_from`, citing `source`."""

    family: ClassVar[str] = ""
    name: str
    effective_from: dt.date
    source: str


R = TypeVar("R", bound=RuleSet)


def _overrides(family: str) -> dict[str, Any]:
    overrides = getattr(settings, "DANGBO_RULE_OVERRIDES", None) or {}
    return dict(overrides.get(family, {}))


def pick(versions: Sequence[R], day: dt.date) -> R:
    """The version in force on `day` (the latest that started on or before it), with the
    deployment's overrides applied; before the first version, the first one."""
    ordered = sorted(versions, key=lambda v: v.effective_from)
    chosen = ordered[0]
    for version in ordered:
        if version.effective_from <= day:
            chosen = version
    overrides = _overrides(chosen.family)
    if not overrides:
        return chosen
    known = {f.name for f in dataclasses.fields(chosen)}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(f"DANGBO_RULE_OVERRIDES[{chosen.family!r}]: unknown {sorted(unknown)}")
    return dataclasses.replace(chosen, **overrides)
