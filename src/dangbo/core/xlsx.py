"""One way to answer a list as an .xlsx file (openpyxl write-only: memory stays flat), and
the one rule every .xlsx writer applies to text: a string that a spreadsheet would read as
a formula (it starts with =, +, -, @, a tab or a carriage return) is written as text, with
Excel's quote prefix, so the text itself stays identical when read back."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dangbo.core.files import content_disposition

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What makes Excel or LibreOffice read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(cell: Any) -> Any:
    """Make `cell` (any openpyxl cell) hold its string as text if it looks like a formula:
    type string (openpyxl had turned "=..." into a formula) and the quote prefix (what Excel
    sets when one types '=...), so editing it does not turn it into a formula either."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_value(sheet: Any, value: Any) -> Any:
    """`value` to append to a write-only `sheet`: a text cell if it looks like a formula."""
    if looks_like_formula(value):
        return as_text(WriteOnlyCell(sheet, value=value))
    return value


def safe_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    return [safe_value(sheet, value) for value in values]


def neutralise_sheet(sheet: Any) -> None:
    """Every cell of a normal (not write-only) worksheet through `as_text`."""
    for row in sheet.iter_rows():
        for cell in row:
            as_text(cell)


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date | int | float | str):
        return value
    return str(value)


def xlsx_bytes(title: str, headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A workbook with one sheet: a bold heading row, then `rows`; dates as dd/mm/yyyy."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    bold = Font(bold=True)
    header = []
    for text in headings:
        cell = as_text(WriteOnlyCell(sheet, value=text))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        # A styled cell only where a date needs its format: plain values are much faster.
        cells: list[Any] = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD/MM/YYYY"
                cells.append(cell)
            else:
                cells.append(safe_value(sheet, _cell_value(value)))
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, title: str, headings: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, headings, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response
