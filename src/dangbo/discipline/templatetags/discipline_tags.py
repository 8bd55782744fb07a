"""Template filters other apps' pages use to show what the discipline records say."""

from __future__ import annotations

from typing import Any

from django import template

from dangbo.discipline.selectors import member_cases_in_year

register = template.Library()


@register.filter
def recorded_discipline(member_id: Any, year: Any) -> Any:
    """The member's Party discipline of `year` on record and in force (None if none)."""
    try:
        return member_cases_in_year([int(member_id)], int(year)).get(int(member_id))
    except (TypeError, ValueError):
        return None
