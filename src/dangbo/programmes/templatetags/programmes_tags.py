"""Template filters of the programmes pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

register = template.Library()


@register.filter
def overdue(item: Any, today: dt.date) -> bool:
    """A work item still open after its due date."""
    return bool(item.is_overdue(today))
