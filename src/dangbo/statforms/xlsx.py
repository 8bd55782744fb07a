"""An evaluated form as an .xlsx laid out like the official one: reporting body and form
number, title, reference date, the table with row and column codes, the signature block;
merged header cells, borders, widths, A4 print setup."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dangbo.core.text import format_date
from dangbo.core.xlsx import neutralise_sheet
from dangbo.statforms.evaluate import NO_DATA, Cell, Evaluation

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def cell_value(cell: Cell) -> int | float | str | None:
    if cell.row.heading:
        return None
    if cell.missing:
        return NO_DATA
    return cell.value


def workbook_bytes(evaluation: Evaluation) -> bytes:
    definition = evaluation.definition
    book = Workbook()
    sheet = book.active
    sheet.title = definition.code[:31]
    columns = definition.columns
    width = 2 + len(columns)
    last = get_column_letter(width)
    bold = Font(bold=True)

    sheet["A1"] = f"{evaluation.scope.name.upper()}"
    sheet["A1"].font = bold
    sheet["A2"] = "BAN TỔ CHỨC"
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    code_cell = sheet.cell(row=1, column=width, value=f"Biểu số {definition.code}")
    code_cell.font = bold
    code_cell.alignment = Alignment(horizontal="right")
    sheet.cell(
        row=2, column=width, value=f"Ban hành kèm theo {definition.reference}"
    ).alignment = Alignment(horizontal="right", wrap_text=False)
    sheet["A4"] = definition.title.upper()
    sheet["A4"].font = Font(bold=True, size=13)
    sheet["A4"].alignment = CENTER
    sheet.merge_cells(f"A4:{last}4")
    start, end = evaluation.period
    sheet["A5"] = (
        f"Có đến ngày {format_date(evaluation.at)} "
        f"(kỳ báo cáo từ {format_date(start)} đến {format_date(end)})"
    )
    sheet["A5"].alignment = CENTER
    sheet.merge_cells(f"A5:{last}5")
    sheet["A6"] = f"Đơn vị báo cáo: {evaluation.scope.name} (mã {evaluation.scope.code})"
    sheet.merge_cells(f"A6:{last}6")

    # Header: a group row (merged across consecutive columns of a group), then labels, codes.
    top = 8
    sheet.cell(row=top, column=1, value="Mã")
    sheet.cell(row=top, column=2, value="Tiêu chí")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    sheet.merge_cells(start_row=top, start_column=2, end_row=top + 1, end_column=2)
    index = 0
    while index < len(columns):
        column = columns[index]
        span = 1
        while (
            column.group
            and index + span < len(columns)
            and columns[index + span].group == column.group
        ):
            span += 1
        first = 3 + index
        if column.group:
            sheet.cell(row=top, column=first, value=column.group)
            if span > 1:
                sheet.merge_cells(
                    start_row=top, start_column=first, end_row=top, end_column=first + span - 1
                )
            for offset in range(span):
                sheet.cell(row=top + 1, column=first + offset, value=columns[index + offset].label)
        else:
            sheet.cell(row=top, column=first, value=column.label)
            sheet.merge_cells(start_row=top, start_column=first, end_row=top + 1, end_column=first)
        index += span
    sheet.cell(row=top + 2, column=1, value="A")
    sheet.cell(row=top + 2, column=2, value="B")
    for i, column in enumerate(columns):
        sheet.cell(row=top + 2, column=3 + i, value=f"({column.code})")
    for r in range(top, top + 3):
        for c in range(1, width + 1):
            item = sheet.cell(row=r, column=c)
            item.font = bold
            item.alignment = CENTER
            item.border = BOX

    row_number = top + 3
    for line in evaluation.cells:
        row = line[0].row
        sheet.cell(row=row_number, column=1, value=row.code).border = BOX
        label = sheet.cell(row=row_number, column=2, value="    " * row.level + row.label)
        label.border = BOX
        label.alignment = Alignment(wrap_text=True, vertical="center")
        if row.heading or row.level == 0:
            label.font = bold
        for i, cell in enumerate(line):
            item = sheet.cell(row=row_number, column=3 + i, value=cell_value(cell))
            item.border = BOX
            item.alignment = Alignment(horizontal="right" if not cell.missing else "center")
            if isinstance(cell.value, float):
                item.number_format = (
                    "0.00" if cell.column.percent_of or cell.column.share_of else "0.0"
                )
            elif isinstance(cell.value, int):
                item.number_format = "#,##0"
        row_number += 1

    if definition.notes:
        row_number += 1
        for note in definition.notes:
            sheet.cell(row=row_number, column=1, value=f"Ghi chú: {note}")
            sheet.merge_cells(
                start_row=row_number, start_column=1, end_row=row_number, end_column=width
            )
            row_number += 1
    row_number += 1
    sheet.cell(row=row_number, column=width, value=f"Ngày {format_date(evaluation.at)}")
    row_number += 1
    left = sheet.cell(row=row_number, column=2, value="NGƯỜI LẬP BIỂU")
    right = sheet.cell(row=row_number, column=width, value="TRƯỞNG BAN")
    left.font = right.font = bold
    left.alignment = right.alignment = CENTER
    row_number += 1
    sheet.cell(
        row=row_number, column=2, value="(Ký, ghi rõ họ tên, số điện thoại)"
    ).alignment = CENTER
    sheet.cell(row=row_number, column=width, value="(Ký tên, đóng dấu)").alignment = CENTER

    sheet.column_dimensions["A"].width = 9
    sheet.column_dimensions["B"].width = 62
    for i in range(len(columns)):
        sheet.column_dimensions[get_column_letter(3 + i)].width = 14
    sheet.row_dimensions[top + 1].height = 48
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait" if len(columns) <= 4 else "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{top}:{top + 2}"
    sheet.print_options.horizontalCentered = True
    neutralise_sheet(sheet)  # names and labels come from users and definition files
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
