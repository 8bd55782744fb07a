"""Template filters for Vietnamese numbers and dates; loaded as builtins."""

from __future__ import annotations

import datetime as dt

from django import template

from dangbo.core import text

register = template.Library()


@register.filter
def vn_number(value: object, decimals: int = 0) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, int | float):
        return text.format_number(value, decimals)
    try:
        return text.format_number(float(str(value)), decimals)
    except ValueError:
        return str(value)


@register.filter
def vn_date(value: dt.date | None) -> str:
    return text.format_date(value)


@register.filter
def vn_percent(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return text.format_number(value, decimals) + "%"
