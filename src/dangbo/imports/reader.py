"""Reading the member sheet of an .xlsx file as a stream of rows (openpyxl read-only, opened
by dangbo.core.xlsx_input: archive checked first, formula cells told apart)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dangbo.core.xlsx_input import WorkbookRefused, open_workbook, sheet_values
from dangbo.imports.columns import COLUMNS, SHEET_TITLE, Column, column_for_header


class FileProblem(ValueError):
    """The file as a whole cannot be imported; the message is Vietnamese."""


class RowStream:
    """The data rows of the member sheet: (Excel row number, {column: raw value})."""

    def __init__(self, source: str | Path | IO[bytes]) -> None:
        try:
            self.workbook = open_workbook(source)
        except WorkbookRefused as exc:
            raise FileProblem(str(exc)) from exc
        names = self.workbook.sheetnames
        self.sheet = self.workbook[SHEET_TITLE if SHEET_TITLE in names else names[0]]
        self._rows = sheet_values(self.sheet)  # a formula cell is a Formula (see columns.from_cell)
        header = next(self._rows, None) or ()
        self.columns: list[tuple[int, Column]] = []
        seen: set[str] = set()
        for position, text in enumerate(header):
            column = column_for_header(text)
            if column is not None and column.field not in seen:
                seen.add(column.field)
                self.columns.append((position, column))
        missing = [c.header for c in COLUMNS if c.required and c.field not in seen]
        if missing:
            self.close()
            names_text = ", ".join(f"“{m}”" for m in missing)
            raise FileProblem(
                f"Dòng 1: thiếu cột {names_text}. Hãy dùng tệp mẫu và giữ nguyên dòng tên cột."
            )
        self.total = self._count_rows()

    def _count_rows(self) -> int:
        """Data rows, for progress: the sheet's dimension, else a scan of its raw XML."""
        max_row = self.sheet.max_row
        if max_row:
            return max(0, max_row - 1)
        count, tail = 0, b""
        with self.sheet._get_source() as raw:  # type: ignore[union-attr]
            while chunk := raw.read(1 << 20):
                data = tail + chunk
                count += data.count(b"<row ") + data.count(b"<row>")
                tail = data[-4:]  # shorter than a tag: a split tag is counted once, next time
        return max(0, count - 1)

    def __iter__(self) -> Iterator[tuple[int, dict[Column, Any]]]:
        number = 1
        for values in self._rows:
            number += 1
            if not values or all(
                v is None or (isinstance(v, str) and not v.strip()) for v in values
            ):
                continue
            yield (
                number,
                {
                    column: values[position] if position < len(values) else None
                    for position, column in self.columns
                },
            )

    def close(self) -> None:
        self.workbook.close()

    def __enter__(self) -> RowStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
