from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()

WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


@register.filter
def weekday_date(value: dt.datetime | dt.date | None) -> str:
    """'Thứ hai, 06/12/2021'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{WEEKDAYS[value.weekday()]}, {value:%d/%m/%Y}"
