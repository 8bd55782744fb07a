"""The report as .docx in the Party document format (HD 36-HD/VPTW): A4, margins 25 mm top
and bottom, 35 mm left, 15 mm right; Times New Roman; the two-column header; body 14 pt
justified; signature block "T/M BAN THƯỜNG VỤ"; "Nơi nhận:"."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dangbo.reports.figures import plain
from dangbo.reports.layout import Layout
from dangbo.reports.render.charts import bar_png

FONT = "Times New Roman"
DRAFT = "DỰ THẢO"


def _font(run, size: float, *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(cell_or_doc, text: str, size: float = 14, *, bold: bool = False,  # type: ignore[no-untyped-def]
          italic: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER, after: float = 0):  # fmt: skip
    p = cell_or_doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    _font(p.add_run(text), size, bold=bold, italic=italic)
    return p


def _rule_under(paragraph, *, text_mm: float, cell_mm: float) -> None:  # type: ignore[no-untyped-def]
    """The solid rule under "ĐẢNG CỘNG SẢN VIỆT NAM", as long as the text: a paragraph
    border runs between the paragraph's indents, so the paragraph is indented on both
    sides down to the width of the text (measured with Times-Bold metrics)."""
    side = max(0.0, (cell_mm - text_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"),
                       ("w:color", "auto")):  # fmt: skip
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _text_mm(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from dangbo.core.text import fold

    return stringWidth(fold(text).upper(), "Times-Bold", size) * 25.4 / 72 + 1.5


def _page_numbers(section) -> None:  # type: ignore[no-untyped-def]
    """Page numbers from page 2, at the top, 10 mm from the edge (the first page has its own,
    empty header)."""
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _no_borders(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def render_docx(layout: Layout) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(25)
    section.left_margin, section.right_margin = Mm(35), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _page_numbers(section)
    doc.core_properties.title = layout.title
    doc.core_properties.author = layout.body_line

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(70), Mm(90)
    left.paragraphs[0].text = ""
    _font(left.paragraphs[0].add_run(layout.superior_line), 14)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(left, layout.body_line, bold=True)
    _para(left, "*")
    _para(left, layout.number_text)
    top = right.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(top.add_run("ĐẢNG CỘNG SẢN VIỆT NAM"), 15, bold=True)
    # The cell is 90 mm wide with Word's default 1.9 mm margins on each side.
    _rule_under(top, text_mm=_text_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15), cell_mm=90 - 3.8)
    _para(right, "")
    _para(right, layout.place_date, italic=True)
    if layout.secrecy_label:
        _para(left, layout.secrecy_label, bold=True)
    if layout.draft:
        _para(left, DRAFT, bold=True)

    _para(doc, "", after=6)
    _para(doc, layout.doc_type, 16, bold=True)
    _para(doc, layout.title, 14, bold=True, after=2)
    _para(doc, "-----", 14, after=12)

    for block in layout.blocks:
        if block.kind == "heading":
            p = _para(doc, block.text, 14, bold=True, italic=block.level > 1,
                      align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)  # fmt: skip
            p.paragraph_format.first_line_indent = Mm(10)
        elif block.kind == "paragraph":
            for text in plain(block.text).split("\n"):
                p = _para(doc, text, 14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
                p.paragraph_format.first_line_indent = Mm(10)
                p.paragraph_format.line_spacing = 1.15
        elif block.kind == "table":
            _para(doc, block.text, 13, italic=True, after=3)
            table = doc.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                cell.paragraphs[0].text = ""
                _font(cell.paragraphs[0].add_run(text), 12, bold=True)
            for row in block.rows:
                cells = table.add_row().cells
                for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                    cell.paragraphs[0].text = ""
                    cell.paragraphs[0].alignment = (
                        WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.RIGHT
                    )
                    _font(cell.paragraphs[0].add_run(plain(text)), 12, bold=row[0] == "Cộng")
            _para(doc, "", after=6)
        elif block.kind == "chart":
            doc.add_picture(io.BytesIO(bar_png(block.text, block.data, dpi=150)), width=Mm(150))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    _para(doc, "", after=6)
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    left, right = sign.rows[0].cells
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(first.add_run("Nơi nhận:"), 12, bold=True, italic=False)
    for line in layout.recipients:
        _para(left, f"- {line}", 12, align=WD_ALIGN_PARAGRAPH.LEFT)
    top = right.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(top.add_run(layout.authority), 14, bold=True)
    _para(right, layout.position, 14, bold=True)
    for _ in range(3):
        _para(right, "")
    _para(right, layout.signer, 14, bold=True)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
