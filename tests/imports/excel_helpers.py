"""Building and reading member sheets in tests."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import openpyxl

from dangbo.imports.columns import HEADERS, SHEET_TITLE

_ids = itertools.count(500_000_000_001)


def citizen_id() -> str:
    return f"{next(_ids):012d}"


def good_row(cell_code: str = "K-01-1", **overrides) -> dict[str, object]:
    """A valid row of a new member, keyed by header."""
    row: dict[str, object] = {
        "Họ và tên": "Trần Thị Mai",
        "Giới tính": "Nữ",
        "Ngày sinh": "12/03/1990",
        "Quê quán": "Xã An Bình, huyện Dĩ An",
        "Dân tộc": "Kinh",
        "Tôn giáo": "Không",
        "Nghề nghiệp": "Viên chức đơn vị sự nghiệp công lập",
        "GDPT": "Trung học phổ thông",
        "Chuyên môn": "Đại học",
        "Lý luận chính trị": "Sơ cấp",
        "Số căn cước": citizen_id(),
        "Mã chi bộ": cell_code,
        "Ngày vào Đảng": "19/05/2015",
        "Ngày chính thức": "19/05/2016",
        "Điện thoại": "0912345678",
    }
    row.update(overrides)
    return row


def make_xlsx(rows: list[dict[str, object]], headers=HEADERS) -> bytes:
    """A workbook like one an office would fill in by hand (normal openpyxl, no styles)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_xlsx(content: bytes, title: str = SHEET_TITLE) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    rows = list(book[title].iter_rows(values_only=True))
    book.close()
    return rows


def as_dicts(content: bytes) -> list[dict[str, object]]:
    header, *rows = read_xlsx(content)
    return [{h: row[i] if i < len(row) else None for i, h in enumerate(header)} for row in rows]


def day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()
