"""Reading numbers and dates from URLs and query strings without ever answering 500.

Three promises (docs/SECURITY.md, "Edge inputs and the API schema"):
- a record id in a path uses the `id` converter (`<id:pk>`): a number past the database's
  integer range does not match, so the answer is 404;
- a number in the query string read through `query_int` is either a number the database
  holds or a 400 with a Vietnamese message;
- a date read through `core.text.parse_date` (and so `query_date`) lies between
  MIN_YEAR and MAX_YEAR, so adding a month or a year to it never overflows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import BadRequest
from django.urls import register_converter

from dangbo.core.text import parse_date

# A signed 64-bit integer: the widest id any supported database stores.
MAX_ID = 2**63 - 1


class IdConverter:
    """`<id:pk>`: digits naming a record; a value no database column holds does not match
    (404), instead of reaching the query as an OverflowError or DataError (500)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


def bounded_int(text: str | None, *, low: int = -MAX_ID, high: int = MAX_ID) -> int | None:
    """The integer in `text` when it lies in [low, high]; None when absent or not one."""
    raw = (text or "").strip()
    if not raw or len(raw) > 20:
        return None
    try:
        number = int(raw)
    except ValueError:
        return None
    return number if low <= number <= high else None


def query_int(
    params: Mapping[str, Any], name: str, *, low: int = 0, high: int = MAX_ID, label: str = ""
) -> int | None:
    """The integer in params[name]; None when absent; 400 (BadRequest, Vietnamese) when it
    is not a whole number in [low, high]."""
    raw = str(params.get(name) or "").strip()
    if not raw:
        return None
    number = bounded_int(raw, low=low, high=high)
    if number is None:
        raise BadRequest(
            f"Tham số {label or name} không hợp lệ: “{raw[:40]}” (cần số từ {low} đến {high})."
        )
    return number


def query_date(params: Mapping[str, Any], name: str, *, label: str = "") -> dt.date | None:
    """The date in params[name] (dd/mm/yyyy or yyyy-mm-dd); None when absent; 400 with the
    Vietnamese reason when unreadable or outside the years the system handles."""
    raw = str(params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return parse_date(raw)
    except ValueError as exc:
        raise BadRequest(f"Tham số {label or name}: {exc}") from exc
