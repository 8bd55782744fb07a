"""Template helpers of the report pages: linked figures, charts as inline PNG."""

from __future__ import annotations

import base64
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from dangbo.reports.render.charts import bar_png
from dangbo.reports.render.html import linked

register = template.Library()


@register.simple_tag
def report_text(text: str, figures: dict[str, Any]) -> SafeString:
    return linked(text, figures)


@register.simple_tag
def report_chart(title: str, data: dict[str, int]) -> SafeString:
    png = base64.b64encode(bar_png(title, data)).decode()
    return format_html(
        '<img class="img-fluid" alt="{}" src="data:image/png;base64,{}">', title, png
    )


@register.simple_tag(takes_context=True)
def can_make_rollup(context: Any, call: Any) -> bool:
    """Whether the user writes the issuer's reports (the roll-up of a report call)."""
    from dangbo.core.scope import Action, scope_of

    user = getattr(context.get("request"), "user", None) or context.get("user")
    if user is None or call.kind != "report":
        return False
    return scope_of(user).covers_path(Action.OFFICE, call.issuer.path)
