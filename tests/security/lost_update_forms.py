"""Read an HTML page's POST form as a browser would submit it (for the lost-update tests)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self.texts: list[list[str]] = []  # per form: the names of its free-text fields
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
            self.texts.append([])
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form.setdefault(name, []).append(
                a.get("value", "on" if kind == "checkbox" else "")
            )
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._multiple = "multiple" in a
            self._form.setdefault(name, [])
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._form[self._select].append(value)
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
            self.texts[-1].append(name)

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            if not self._select_chosen and not self._multiple and self._select_first is not None:
                self._form[self._select].append(self._select_first)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form.setdefault(self._textarea, []).append("".join(self._text).lstrip("\n"))
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def _flat(form: dict[str, list[str]]) -> dict[str, Any]:
    return {k: v if len(v) != 1 else v[0] for k, v in form.items()}


def post_form(html: str, must_have: str) -> dict[str, Any]:
    """The fields of the page's POST form that has a field named `must_have`."""
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if must_have in form:
            return _flat(form)
    raise AssertionError(f"no POST form with a field {must_have!r} on the page")


def versioned_forms(html: str) -> list[tuple[dict[str, Any], list[str]]]:
    """Every POST form of the page that carries a record version (a hidden field named
    expected_*version), with the names of its free-text fields."""
    reader = _FormReader()
    reader.feed(html)
    return [
        (_flat(form), texts)
        for form, texts in zip(reader.forms, reader.texts, strict=True)
        if any(n.startswith("expected_") and n.endswith("version") for n in form)
    ]
