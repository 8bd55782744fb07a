"""The report laid out as a Party document (HD 36-HD/VPTW): header, number, place and date,
title, numbered sections with paragraphs, tables and charts, signature and recipients.

Every renderer (txt, html, docx, pdf) draws the same Layout, built from the report's stored
figures and text only: a frozen report lays out the same forever.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dangbo.core.secrecy import Secrecy
from dangbo.orgs.models import OrgKind
from dangbo.reports import sections
from dangbo.reports.figures import Figures
from dangbo.reports.models import Report
from dangbo.reports.sections import Chart, Paragraph, Table

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class Block:
    kind: str  # heading | paragraph | table | chart
    text: str = ""  # marked text (⟦key|text⟧) for paragraphs
    level: int = 1
    key: str = ""
    edited: bool = False
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    data: dict[str, int] = field(default_factory=dict)


@dataclass
class Layout:
    superior_line: str
    body_line: str
    number_text: str
    place_date: str
    doc_type: str
    title: str
    blocks: list[Block]
    authority: str
    position: str
    signer: str
    recipients: list[str]
    secrecy_label: str = ""
    draft: bool = False


def date_line(place: str, day: dt.date) -> str:
    """ "Thanh Hóa, ngày 05 tháng 10 năm 2021" (place may be empty)."""
    text = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()


def _body_blocks(report: Report) -> list[Block]:
    figures = Figures(None, frozen=report.figures)  # type: ignore[arg-type]
    blocks: list[Block] = []
    numbers = {1: 0, 2: 0}
    pending_parent: Block | None = None
    for section in sections.sections_for(report.template):
        content: list[Block] = []
        for item in section.items:
            if isinstance(item, Paragraph):
                entry = report.body.get(item.key) or {}
                text = report.paragraph_text(item.key)
                if text:
                    content.append(Block("paragraph", text=text, key=item.key,
                                         edited=entry.get("edited") is not None))  # fmt: skip
            elif isinstance(item, Table):
                built = item.build(figures)
                if built:
                    content.append(Block("table", text=item.title, key=item.key,
                                         headers=built[0], rows=built[1]))  # fmt: skip
            elif isinstance(item, Chart):
                data = figures.breakdown(item.figure)
                if len(data) > 1:
                    content.append(Block("chart", text=item.title, key=item.figure, data=data))
        if section.level == 1 and not section.items:
            numbers[1] += 1
            numbers[2] = 0
            pending_parent = Block(
                "heading", text=f"{ROMAN[numbers[1] - 1]}. {section.heading}", level=1
            )
            blocks.append(pending_parent)
            continue
        if not content:
            continue
        if section.level == 1:
            numbers[1] += 1
            numbers[2] = 0
            heading = f"{ROMAN[numbers[1] - 1]}. {section.heading}"
        else:
            numbers[2] += 1
            heading = f"{numbers[2]}. {section.heading}"
        blocks.append(Block("heading", text=heading, level=section.level))
        blocks.extend(content)
    return blocks


def layout_of(report: Report) -> Layout:
    from dangbo.reports.selectors import issuer_block, secretary_name

    issuer = issuer_block(report.org, report.dated)
    cell = report.org.kind in (OrgKind.BASE_CELL, OrgKind.SUB_CELL)
    number = report.document_code or f"     -BC/{issuer.abbreviation}"
    recipients = (
        ["Cấp ủy cấp trên (để báo cáo),", "Lưu."]
        if cell
        else [
            "Cấp ủy cấp trên (để báo cáo),",
            "Các đồng chí cấp ủy viên,",
            "Các tổ chức đảng trực thuộc,",
            "Lưu Văn phòng.",
        ]
    )
    secrecy = Secrecy(report.secrecy).label if report.secrecy else ""
    return Layout(
        superior_line=issuer.superior_line,
        body_line=issuer.body_line,
        number_text=f"Số {number}",
        place_date=date_line(issuer.place, report.dated),
        doc_type="BÁO CÁO",
        title=report.title,
        blocks=_body_blocks(report),
        authority=issuer.signature_title,
        position="BÍ THƯ",
        signer=secretary_name(report.org, report.dated),
        recipients=recipients,
        secrecy_label=str(secrecy).upper(),
        draft=not report.is_frozen,
    )
