"""Writing the member spreadsheet: template and export share this one format.

The workbook is write-only: rows go to a temporary file as they are appended, so
an export of any size holds one row in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from dangbo.core.xlsx import safe_row, safe_value
from dangbo.imports.columns import (
    COLUMNS,
    DATE_FORMAT,
    GUIDE_TITLE,
    LISTS_TITLE,
    MEMBER,
    PERSON,
    SHEET_TITLE,
    Column,
    to_cell,
)
from dangbo.members.models import Member

_WIDTHS = {"text": 22, "date": 13, "choice": 18, "digits": 15, "email": 26, "code": 12}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="C0504D")
_REQUIRED_FILL = PatternFill("solid", fgColor="8B0000")
_LAST_ROW = 1048576

GUIDE_LINES = [
    "Mỗi dòng của trang “Đảng viên” là một đảng viên; dòng 1 là tên cột, không đổi tên cột.",
    "Cột tên nền đỏ đậm là bắt buộc. Ngày ghi theo dạng dd/mm/yyyy (ví dụ 05/09/1985).",
    "Số căn cước, số thẻ đảng viên, số lý lịch ghi dạng văn bản để không mất số 0 ở đầu.",
    "Các cột danh mục (giới tính, dân tộc, tôn giáo, trình độ...) chọn trong danh sách thả xuống.",
    "Đảng viên đã có trong hồ sơ được nhận ra theo số căn cước (nếu không có thì theo số thẻ)"
    " và chỉ được cập nhật khi có thông tin khác; ô để trống không xóa dữ liệu đã có.",
    "Chuyển sinh hoạt, sửa ngày vào Đảng hay ngày chính thức đã ghi thì làm trong hồ sơ đảng viên,"
    " không qua nhập Excel.",
    "Tệp được kiểm tra toàn bộ trước khi ghi: chỉ cần một dòng sai thì không dòng nào được ghi.",
]


def _header_cell(ws: Any, text: str, *, required: bool = True) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = _HEADER_FONT
    cell.fill = _REQUIRED_FILL if required else _HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


class MemberWorkbook:
    """A write-only workbook in the member format.

    `cells` (code, name) are listed on the hidden "Danh mục" sheet and offered as
    the drop-down of the "Mã chi bộ" column.
    """

    def __init__(self, *, cells: Iterable[tuple[str, str]] = ()) -> None:
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(SHEET_TITLE)
        self.rows = 0
        guide = self.workbook.create_sheet(GUIDE_TITLE)
        lists = self.workbook.create_sheet(LISTS_TITLE)
        lists.sheet_state = "hidden"
        ranges = self._write_lists(lists, list(cells))
        self._write_guide(guide)
        self._prepare_sheet(ranges)

    def _write_lists(self, ws: Any, cells: list[tuple[str, str]]) -> dict[str, str]:
        """One column per choice list (plus cell codes); returns field -> range formula."""
        lists: list[tuple[Column, list[str]]] = [
            (c, [label for _, label in c.choices]) for c in COLUMNS if c.kind == "choice"
        ]
        code_column = next(c for c in COLUMNS if c.kind == "code")
        if cells:
            lists.append((code_column, [code for code, _ in cells]))
        columns = [values for _, values in lists]
        if cells:
            columns.append([name for _, name in cells])
        ws.append([c.header for c, _ in lists] + (["Tên chi bộ"] if cells else []))
        longest = max((len(values) for values in columns), default=0)
        for i in range(longest):
            ws.append(safe_row(ws, [values[i] if i < len(values) else None for values in columns]))
        sheet = quote_sheetname(LISTS_TITLE)
        ranges = {}
        for position, (column, values) in enumerate(lists, start=1):
            letter = get_column_letter(position)
            ranges[column.field] = f"{sheet}!${letter}$2:${letter}${len(values) + 1}"
        return ranges

    def _write_guide(self, ws: Any) -> None:
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 12
        ws.column_dimensions["C"].width = 90
        ws.append([_header_cell(ws, "Hướng dẫn nhập danh sách đảng viên")])
        for line in GUIDE_LINES:
            ws.append([line])
        ws.append([])
        ws.append([_header_cell(ws, t) for t in ("Cột", "Bắt buộc", "Cách ghi")])
        for column in COLUMNS:
            how = column.note
            if column.kind == "choice":
                labels = ", ".join(label for _, label in column.choices)
                how = (how + " " if how else "") + f"Một trong: {labels}."
            elif column.kind == "date" and not how:
                how = "Ngày/tháng/năm (dd/mm/yyyy)."
            ws.append([column.header, "Có" if column.required else "", how])

    def _prepare_sheet(self, ranges: dict[str, str]) -> None:
        ws = self.sheet
        ws.freeze_panes = "B2"
        for column in COLUMNS:
            dims = ws.column_dimensions[column.letter]
            dims.width = 30 if column.field == "full_name" else _WIDTHS[column.kind]
            if column.kind in ("digits", "code"):
                dims.number_format = "@"
            elif column.kind == "date":
                dims.number_format = DATE_FORMAT
            formula = ranges.get(column.field)
            if formula:
                validation = DataValidation(
                    type="list",
                    formula1=formula,
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="warning",
                    errorTitle="Giá trị ngoài danh mục",
                    error=f"Hãy chọn {column.header.lower()} trong danh sách.",
                )
                validation.add(f"{column.letter}2:{column.letter}{_LAST_ROW}")
                ws.data_validations.append(validation)
        ws.append([_header_cell(ws, c.header, required=c.required) for c in COLUMNS])

    def _date(self, value: Any) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell

    def append_member(self, member: Member, hidden: frozenset[str] = frozenset()) -> None:
        """One row; the fields in `hidden` (members.sensitive) are left empty."""
        person = member.person
        row: list[Any] = []
        for column in COLUMNS:
            if column.field in hidden:
                value = None
            elif column.owner == PERSON:
                value = getattr(person, column.field)
            elif column.owner == MEMBER:
                value = getattr(member, column.field)
            elif column.field == "cell_code":
                value = member.cell.code if member.cell is not None else None
            else:
                value = getattr(member, column.field)
            if column.kind == "date":
                row.append(self._date(value))
            else:
                row.append(safe_value(self.sheet, to_cell(column, value)))
        self.sheet.append(row)
        self.rows += 1

    def save(self, dest: str | IO[bytes]) -> None:
        self.workbook.save(dest)
