"""The report as PDF (reportlab platypus), with the layout of the .docx: A4, margins
25/25/35/15 mm, the two-column header, body 14 pt justified, the signature block.

Times New Roman cannot be shipped; DejaVu Serif (bundled with matplotlib) has every
Vietnamese glyph and is registered under the name "ReportSerif"."""

from __future__ import annotations

import functools
import io
from html import escape
from pathlib import Path
from typing import Any

from dangbo.reports.figures import plain
from dangbo.reports.layout import Layout
from dangbo.reports.render.charts import bar_png

FONT = "ReportSerif"
DRAFT = "DỰ THẢO"


def _page_number(canvas: Any, doc: Any) -> None:
    """Pages after the first carry their number at the top, 10 mm from the edge."""
    from reportlab.lib.units import mm

    canvas.saveState()
    canvas.setFont(FONT, 14)
    width, height = doc.pagesize
    middle = doc.leftMargin + (width - doc.leftMargin - doc.rightMargin) / 2
    canvas.drawCentredString(middle, height - 10 * mm - 10, str(doc.page))
    canvas.restoreState()


@functools.cache
def _register_fonts() -> None:
    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {
        FONT: "DejaVuSerif.ttf",
        f"{FONT}-Bold": "DejaVuSerif-Bold.ttf",
        f"{FONT}-Italic": "DejaVuSerif-Italic.ttf",
        f"{FONT}-BoldItalic": "DejaVuSerif-BoldItalic.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, f"{FONT}-Bold")
    addMapping(FONT, 0, 1, f"{FONT}-Italic")
    addMapping(FONT, 1, 1, f"{FONT}-BoldItalic")


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    def style(name: str, size: float, align: int = TA_CENTER, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=size * 1.3,
                              alignment=align, **kw)  # fmt: skip

    return {
        "center": style("center", 14),
        "header": style("header", 14),
        "body": style("body", 14, TA_JUSTIFY, firstLineIndent=28, spaceAfter=5),
        "heading": style(
            "heading", 14, TA_JUSTIFY, firstLineIndent=28, spaceAfter=5, spaceBefore=4
        ),  # fmt: skip
        "title": style("title", 15, spaceAfter=2),
        "table_title": style("table_title", 13),
        "cell": style("cell", 11, TA_LEFT),
        "cell_right": style("cell_right", 11, 2),
        "small": style("small", 11, TA_LEFT),
    }


def pdf_story(layout: Layout) -> list[Any]:
    """The flowables of the PDF, in order (the tests read their text)."""
    _register_fonts()
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

    s = _styles()
    e = escape
    left = [
        Paragraph(e(layout.superior_line), s["header"]),
        Paragraph(f"<b>{e(layout.body_line)}</b>", s["header"]),
        Paragraph("*", s["header"]),
        Paragraph(e(layout.number_text), s["header"]),
    ]
    if layout.secrecy_label:
        left.append(Paragraph(f"<b>{e(layout.secrecy_label)}</b>", s["header"]))
    if layout.draft:
        left.append(Paragraph(f"<b>{DRAFT}</b>", s["header"]))
    national = Table([[Paragraph("<b>ĐẢNG CỘNG SẢN VIỆT NAM</b>", s["header"])]],
                     colWidths=[76 * mm])  # fmt: skip
    # The solid rule under the national header, about as long as the text.
    national.setStyle(TableStyle([("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    right = [
        national,
        Spacer(1, 8),
        Paragraph(f"<i>{e(layout.place_date)}</i>", s["header"]),
    ]
    header = Table([[left, right]], colWidths=[68 * mm, 92 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: list[Any] = [header, Spacer(1, 14)]
    story.append(Paragraph(f"<b>{e(layout.doc_type)}</b>", s["title"]))
    story.append(Paragraph(f"<b>{e(layout.title)}</b>", s["center"]))
    story.append(Paragraph("-----", s["center"]))
    story.append(Spacer(1, 10))
    for block in layout.blocks:
        if block.kind == "heading":
            text = e(block.text)
            story.append(Paragraph(f"<b><i>{text}</i></b>" if block.level > 1 else f"<b>{text}</b>",
                                   s["heading"]))  # fmt: skip
        elif block.kind == "paragraph":
            for para in plain(block.text).split("\n"):
                story.append(Paragraph(e(para), s["body"]))
        elif block.kind == "table":
            story.append(Paragraph(f"<i>{e(block.text)}</i>", s["table_title"]))
            data = [[Paragraph(f"<b>{e(h)}</b>", s["cell"]) for h in block.headers]]
            for row in block.rows:
                data.append([
                    Paragraph(e(plain(c)), s["cell"] if i == 0 else s["cell_right"])
                    for i, c in enumerate(row)
                ])  # fmt: skip
            width = 160 * mm
            first = width * 0.4 if len(block.headers) > 2 else width * 0.6
            rest = (width - first) / max(1, len(block.headers) - 1)
            table = Table(data, colWidths=[first] + [rest] * (len(block.headers) - 1))
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))  # fmt: skip
            story += [table, Spacer(1, 8)]
        elif block.kind == "chart":
            png = bar_png(block.text, block.data, dpi=150)
            story.append(Image(io.BytesIO(png), width=150 * mm, height=150 * mm * 3.2 / 7.0))
    recipients = [Paragraph("<b>Nơi nhận:</b>", s["small"])] + [
        Paragraph(e(f"- {line}"), s["small"]) for line in layout.recipients
    ]
    signature = [
        Paragraph(f"<b>{e(layout.authority)}</b>", s["header"]),
        Paragraph(f"<b>{e(layout.position)}</b>", s["header"]),
        Spacer(1, 48),
        Paragraph(f"<b>{e(layout.signer)}</b>", s["header"]),
    ]
    sign = Table([[recipients, signature]], colWidths=[75 * mm, 85 * mm])
    sign.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 14), sign]
    return story


def render_pdf(layout: Layout) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, topMargin=25 * mm, bottomMargin=25 * mm, leftMargin=35 * mm,
        rightMargin=15 * mm, title=layout.title, author=layout.body_line,
        subject=f"{layout.number_text} – ĐẢNG CỘNG SẢN VIỆT NAM", invariant=1,
    )  # fmt: skip
    doc.build(pdf_story(layout), onLaterPages=_page_number)
    return buffer.getvalue()
