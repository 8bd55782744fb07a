"""Opening an uploaded .xlsx safely, in one place for every importer (OWASP ASVS 12.1, 5.5):
the archive is inspected before openpyxl sees it, and formula cells are told apart.

- A file that is not a ZIP archive is not an .xlsx: refused with a clear message.
- Decompression bombs: the sizes the archive declares (Python's zipfile never inflates a
  member past its declared size) must add up to at most DANGBO_IMPORT_MAX_UNPACKED_MB, and
  no large member may inflate more than MAX_RATIO times.
- XML with a document type declaration (where entities are declared: "billion laughs",
  external entities) is refused before parsing; openpyxl parses with defusedxml as well.
- The workbook is opened with formulas (data_only=False): a formula cell comes out as a
  `Formula` (its coordinate), never as the empty or stale value Excel cached for it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from openpyxl import load_workbook

NOT_XLSX = "Tệp này không phải tệp Excel .xlsx (Excel 2007 trở lên). Hãy lưu lại dạng .xlsx."
UNREADABLE = "Không đọc được tệp Excel. Hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên."
MAX_RATIO = 200  # an ordinary sheet inflates 5-20 times; a bomb about 1000 times
RATIO_FLOOR = 1 << 20  # members smaller than this are never too inflated to read
MAX_MEMBERS = 10_000
PROLOG_LIMIT = 64 * 1024  # an XML part must reach its first element within this many bytes


class WorkbookRefused(ValueError):
    """The file cannot be read as a workbook; the message is Vietnamese, for the user."""


@dataclass(frozen=True)
class Formula:
    """A formula cell in an imported sheet, where a value was expected."""

    coordinate: str

    @property
    def message(self) -> str:
        return f"Ô {self.coordinate} chứa công thức; hãy dán giá trị (Dán đặc biệt > Giá trị)."


def max_unpacked_bytes() -> int:
    return int(settings.DANGBO_IMPORT_MAX_UNPACKED_MB) * 1024 * 1024


def _seekable(source: str | Path | bytes | IO[bytes]) -> IO[bytes]:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    if isinstance(source, str | Path):
        return Path(source).open("rb")
    return source


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the member, if it is XML, has a DOCTYPE (or ENTITY) before its first element.
    UTF-16 is read as well: its zero bytes are dropped before looking."""
    with archive.open(info) as raw:
        head = raw.read(PROLOG_LIMIT).replace(b"\x00", b"")
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if not text.startswith(b"<"):
        return False  # not XML (a picture, a binary part)
    upper = text.upper()
    position = 0
    while True:
        position = upper.find(b"<", position)
        if position < 0 or position + 1 >= len(upper):
            return True  # no element in the first 64 KB: padding to hide a declaration
        following = upper[position + 1 : position + 2]
        if following == b"?":
            end = upper.find(b"?>", position)
            position = end + 2 if end >= 0 else -1
        elif upper.startswith(b"<!--", position):
            end = upper.find(b"-->", position)
            position = end + 3 if end >= 0 else -1
        elif following == b"!":
            return True  # <!DOCTYPE or <!ENTITY in the prolog
        else:
            return False  # the root element: the prolog had no declaration
        if position < 0:
            return True


def check_archive(handle: IO[bytes]) -> None:
    """Refuse (WorkbookRefused) anything but a ZIP archive of a reasonable unpacked size
    whose XML parts declare no document type. The position of `handle` is restored."""
    start = handle.tell()
    try:
        if not zipfile.is_zipfile(handle):
            raise WorkbookRefused(NOT_XLSX)
        handle.seek(start)
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise WorkbookRefused(NOT_XLSX) from exc
        with archive:
            infos = archive.infolist()
            limit = max_unpacked_bytes()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > limit:
                raise WorkbookRefused(
                    f"Tệp giải nén ra quá {limit // (1024 * 1024)} MB: không nhận. "
                    "Hãy chia danh sách thành nhiều tệp nhỏ hơn."
                )
            for info in infos:
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise WorkbookRefused(
                        "Tệp bị nén bất thường (có thể là tệp độc hại “bom giải nén”): không nhận."
                    )
            if "[Content_Types].xml" not in archive.namelist():
                raise WorkbookRefused(NOT_XLSX)
            try:
                declared = [i.filename for i in infos if _declares_doctype(archive, i)]
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise WorkbookRefused(UNREADABLE) from exc
            if declared:
                raise WorkbookRefused(
                    "Tệp chứa khai báo DOCTYPE/ENTITY trong XML (có thể là tệp độc hại): "
                    "không nhận. Hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên."
                )
    finally:
        handle.seek(start)


def open_workbook(source: str | Path | bytes | IO[bytes]) -> Any:
    """A read-only workbook with formulas kept (see `sheet_values`), after `check_archive`."""
    handle = _seekable(source)
    check_archive(handle)
    try:
        return load_workbook(handle, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl and defusedxml raise many kinds for a bad file
        raise WorkbookRefused(UNREADABLE) from exc


def sheet_values(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet as values, with a `Formula` for each formula cell."""
    for row in sheet.iter_rows():
        yield tuple(
            Formula(cell.coordinate) if cell.data_type == "f" else cell.value for cell in row
        )


def formulas_in(rows: list[tuple[int, list[Any]]]) -> list[Formula]:
    return [value for _, row in rows for value in row if isinstance(value, Formula)]


def formula_problem(found: list[Formula]) -> str:
    """One message for the formula cells of a file (the first ten named)."""
    shown = ", ".join(f.coordinate for f in found[:10]) + (" …" if len(found) > 10 else "")
    return f"Ô {shown} chứa công thức; hãy dán giá trị (Dán đặc biệt > Giá trị) rồi tải lên lại."
