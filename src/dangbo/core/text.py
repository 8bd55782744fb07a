"""Vietnamese text and number helpers."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal


def fold(text: str) -> str:
    """Lower case without diacritics, đ folded to d: "Nguyễn Văn Đức" -> "nguyen van duc"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """3407 -> "3.407"; 96.666 with 2 decimals -> "96,67"."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(part: float, whole: float, decimals: int = 2) -> str:
    if not whole:
        return "–"
    return format_number(100 * part / whole, decimals) + "%"


def format_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# The years a typed date may fall in: adding months or years to a date near 9999 (or
# going back from 0001) would overflow; no record of this system lies outside them.
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_date(text: str) -> dt.date:
    """Accept 18/08/2021, 18-8-2021 and 2021-08-18, between MIN_YEAR and MAX_YEAR."""
    raw = text.strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a date, not a time
        except ValueError:
            continue
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValueError(
                f"Ngày {day:%d/%m/%Y} nằm ngoài khoảng năm {MIN_YEAR}–{MAX_YEAR} mà hệ thống xử lý."
            )
        return day
    raise ValueError(f"Ngày không hợp lệ: “{text[:40]}” (nhập theo dạng dd/mm/yyyy).")
