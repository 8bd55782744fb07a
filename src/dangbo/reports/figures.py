"""The figures a report is written from: read from the indicator registry, written the
Vietnamese way, and marked in the text so the HTML links each one to its records.

A figure in a paragraph is written as ⟦key|text⟧. The plain renderers (txt, docx, pdf) keep
the text; the HTML renderer turns it into a link to the figure's records. Nothing here counts
records: every value is `registry.value(key, context)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dangbo.core.text import format_number
from dangbo.indicators import registry
from dangbo.indicators.links import records_url
from dangbo.indicators.registry import Context

MARK = re.compile(r"⟦([^|⟦⟧]+)\|([^⟦⟧]*)⟧")


def plain(text: str) -> str:
    """The text with the figure marks taken out."""
    return MARK.sub(lambda m: m.group(2), text)


def number(value: Any) -> str:
    """3407 -> "3.407"; 96.666 -> "96,67"; 97.5 -> "97,5"; 75.0 -> "75"."""
    if isinstance(value, float) and not value.is_integer():
        text = format_number(value, 2)
        return text.rstrip("0").rstrip(",") if "," in text else text
    return format_number(round(value) if isinstance(value, float) else value)


def percent(value: Any) -> str:
    return f"{number(value)}%"


def padded(value: Any) -> str:
    """Counts of a plan are written on two digits: "09/12 cuộc"."""
    return f"{int(value):02d}"


class Figures:
    """Figures read for one context; `store` is what a report freezes."""

    def __init__(
        self,
        context: Context,
        *,
        frozen: dict[str, dict[str, Any]] | None = None,
        on_read: Callable[[str], None] | None = None,
    ) -> None:
        self.context = context
        self.store: dict[str, dict[str, Any]] = dict(frozen or {})
        self.frozen = frozen is not None
        self.on_read = on_read

    def _entry(self, key: str) -> dict[str, Any] | None:
        if key in self.store:
            return self.store[key]
        if self.frozen:
            return None
        try:
            ind = registry.get(key)
        except KeyError:
            return None  # an area not installed yet: the sentence leaves the figure out
        value = ind.value(self.context)
        if self.on_read is not None:
            self.on_read(key)
        entry = {
            "key": key, "label": ind.label, "unit": ind.unit, "value": value,
            "text": self._text(value), "url": records_url(key, self.context),
        }  # fmt: skip
        self.store[key] = entry
        return entry

    @staticmethod
    def _text(value: Any) -> str:
        if isinstance(value, dict):
            return "; ".join(f"{label}: {number(n)}" for label, n in value.items())
        return number(value)

    def put(self, key: str, *, label: str, unit: str, value: Any, url: str = "") -> None:
        """A figure that does not come from the registry (a target's evaluation)."""
        self.store[key] = {
            "key": key, "label": label, "unit": unit, "value": value,
            "text": self._text(value), "url": url,
        }  # fmt: skip

    def has(self, key: str) -> bool:
        return self._entry(key) is not None

    def value(self, key: str) -> Any:
        entry = self._entry(key)
        return None if entry is None else entry["value"]

    def n(self, key: str) -> int | float:
        """The value as a number (0 when missing), to decide how a sentence reads."""
        value = self.value(key)
        return value if isinstance(value, int | float) else 0

    def breakdown(self, key: str) -> dict[str, int]:
        value = self.value(key)
        return {k: v for k, v in value.items() if v} if isinstance(value, dict) else {}

    def mark(self, key: str, text: str) -> str:
        return f"⟦{key}|{text}⟧"

    def num(self, key: str, fmt: Callable[[Any], str] = number) -> str:
        """The figure, marked: ⟦members.total|3.407⟧."""
        return self.mark(key, fmt(self.value(key) or 0))

    def pct(self, key: str) -> str:
        return self.num(key, percent)

    def part(self, key: str, label: str) -> str:
        """One category of a breakdown, marked with the breakdown's key."""
        return self.mark(key, number(self.breakdown(key).get(label, 0)))
