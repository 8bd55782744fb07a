"""The one address of the records behind a figure, for every page and report that shows one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from dangbo.indicators.registry import Context


def records_url(key: str, context: Context) -> str:
    """The back office's list of the records behind indicator `key` in `context` (scope,
    date and, when given, the period), e.g. /quan-ly/chi-tieu/admission.admitted/?org=3&..."""
    query = {"org": context.scope.pk, "at": f"{context.at:%d/%m/%Y}"}
    if context.period is not None:
        query["from"] = f"{context.period[0]:%d/%m/%Y}"
        query["to"] = f"{context.period[1]:%d/%m/%Y}"
    return f"{reverse('backoffice:indicator_records', args=[key])}?{urlencode(query)}"
