"""HTML: every figure in the text links to the records behind it."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from dangbo.reports.figures import MARK
from dangbo.reports.layout import Layout


def linked(text: str, figures: dict[str, Any]) -> SafeString:
    """Escaped text with each ⟦key|text⟧ as a link to the figure's records."""
    out: list[str] = []
    last = 0
    for match in MARK.finditer(text):
        out.append(escape(text[last : match.start()]))
        key, shown = match.group(1), match.group(2)
        url = (figures.get(key) or {}).get("url") or ""
        if url:
            label = (figures.get(key) or {}).get("label", "")
            out.append(str(format_html('<a class="figure" href="{}" title="{}">{}</a>',
                                       url, label, shown)))  # fmt: skip
        else:
            out.append(escape(shown))
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - every part escaped


def render_html(layout: Layout, figures: dict[str, Any], *, standalone: bool = True) -> str:
    return render_to_string(
        "reports/document_page.html" if standalone else "reports/_document.html",
        {"layout": layout, "figures": figures},
    )
