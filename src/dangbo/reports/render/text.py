"""Plain text: the same prose as the HTML and the .docx, without the figure links."""

from __future__ import annotations

import textwrap

from dangbo.reports.figures import plain
from dangbo.reports.layout import Layout


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    cells = [headers, *([plain(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        out.append("  " + " | ".join(c.ljust(widths[i]) for i, c in enumerate(row)))
        if n == 0:
            out.append("  " + "-+-".join("-" * w for w in widths))
    return out


def render_txt(layout: Layout, width: int = 88) -> str:
    lines = [
        layout.superior_line,
        layout.body_line,
        "*",
        layout.number_text,
        "",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        layout.place_date,
    ]
    if layout.secrecy_label:
        lines.append(layout.secrecy_label)
    if layout.draft:
        lines.append("DỰ THẢO")
    lines += ["", layout.doc_type, layout.title, ""]
    for block in layout.blocks:
        if block.kind == "heading":
            lines += ["", block.text]
        elif block.kind == "paragraph":
            for para in plain(block.text).split("\n"):
                lines += textwrap.wrap(para, width=width, initial_indent="    ") or [""]
        elif block.kind == "table":
            lines += ["", f"  {block.text}", *_table(block.headers, block.rows), ""]
    lines += ["", f"{'':>48}{layout.authority}", f"{'':>48}{layout.position}"]
    if layout.signer:
        lines += ["", f"{'':>48}{layout.signer}"]
    lines += ["", "Nơi nhận:", *(f"- {r}" for r in layout.recipients)]
    return "\n".join(lines) + "\n"
