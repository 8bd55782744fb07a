"""Renderers of a report Layout: txt, html (a template), docx (python-docx), pdf (reportlab)."""

from __future__ import annotations

from dangbo.reports.render.text import render_txt

FORMATS = ("html", "docx", "pdf", "txt")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

__all__ = ["CONTENT_TYPES", "FORMATS", "render", "render_txt"]


def render(report, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    """The report in one of FORMATS, as bytes (UTF-8 for txt and html)."""
    from dangbo.reports.layout import layout_of

    layout = layout_of(report)
    if fmt == "txt":
        return render_txt(layout).encode()
    if fmt == "html":
        from dangbo.reports.render.html import render_html

        return render_html(layout, report.figures).encode()
    if fmt == "docx":
        from dangbo.reports.render.word import render_docx

        return render_docx(layout)
    if fmt == "pdf":
        from dangbo.reports.render.pdf import render_pdf

        return render_pdf(layout)
    raise ValueError(f"unknown format {fmt}")
