"""Form definitions as data: one JSON file per form version.

Shipped versions live in statforms/definitions/<number>/<valid_from>.json; an office adds a
version without code by dropping a file in a directory named by the setting or environment
variable DANGBO_STATFORM_DIRS (colon-separated), laid out the same way. The version used for
a reference date is the latest whose valid_from is on or before it (as core.rulesets.pick).

A definition (see docs in the shipped files):

    {"number": "1", "code": "1-BTCTW", "title": "...", "valid_from": "2021-12-13",
     "reference": "Hướng dẫn 11-HD/BTCTW ngày 13/12/2021", "subject": "flows",
     "columns": [{"code": "2", "label": "Kỳ này", "when": "this"}, ...],
     "rows": [{"code": "A", "label": "...", "subject": "members_start", "filter": {...}}],
     "checks": {"start": "A", "gains": "B", "losses": "C", "end": "D", "column": "2"}}

Rows and columns each carry a filter expression (statforms.evaluate); a cell counts the
records of its subject matching both. "checks" names the cells the consistency checks
(statforms.checks) read, so a version that renames its rows keeps them: form 1 gives start,
gains, losses and end, form 3 its total, both the column; each must be a row (not a
heading) and a counted column of the definition (checked at load).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

SHIPPED = Path(__file__).parent / "definitions"
# The keys of "checks": row references, and the column they are read in.
CHECK_ROWS = ("start", "gains", "losses", "end", "total")
CHECK_COLUMN = "column"


class DefinitionError(ValueError):
    """A definition file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    when: str = "this"  # "this" | "last_year"
    subject: str = ""
    filter: Any = None
    percent_of: tuple[str, str] | None = None  # (a, b): a * 100 / b
    share_of: str = ""  # this column's value over the share base row's, in percent
    group: str = ""  # a header cell spanning consecutive columns of the same group


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    subject: str = ""
    filter: Any = None
    measure: str = "count"  # "count" | "avg_age"
    level: int = 0
    heading: bool = False  # a heading line without figures
    share_base: bool = False


@dataclass(frozen=True)
class FormDefinition:
    number: str
    code: str
    title: str
    valid_from: dt.date
    reference: str
    subject: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    period: str = "half_year"  # what the reference dates default to
    notes: tuple[str, ...] = ()
    source: str = ""  # the file it was read from
    extra: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)  # CHECK_ROWS / CHECK_COLUMN -> code

    @property
    def version_label(self) -> str:
        return f"{self.code}, áp dụng từ {self.valid_from:%d/%m/%Y} ({self.reference})"


def _parse(data: dict[str, Any], source: str) -> FormDefinition:
    try:
        columns = tuple(
            Column(
                code=str(c["code"]),
                label=c["label"],
                when=c.get("when", "this"),
                subject=c.get("subject", ""),
                filter=c.get("filter"),
                percent_of=tuple(c["percent_of"]) if c.get("percent_of") else None,  # type: ignore[arg-type]
                share_of=c.get("share_of", ""),
                group=c.get("group", ""),
            )
            for c in data["columns"]
        )
        rows = tuple(
            Row(
                code=str(r.get("code", "")),
                label=r["label"],
                subject=r.get("subject", ""),
                filter=r.get("filter"),
                measure=r.get("measure", "count"),
                level=int(r.get("level", 0)),
                heading=bool(r.get("heading", False)),
                share_base=bool(r.get("share_base", False)),
            )
            for r in data["rows"]
        )
        definition = FormDefinition(
            number=str(data["number"]),
            code=data["code"],
            title=data["title"],
            valid_from=dt.date.fromisoformat(data["valid_from"]),
            reference=data.get("reference", ""),
            subject=data.get("subject", "members"),
            columns=columns,
            rows=rows,
            period=data.get("period", "half_year"),
            notes=tuple(data.get("notes", ())),
            source=source,
            checks={str(k): str(v) for k, v in dict(data.get("checks", {})).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DefinitionError(f"Định nghĩa biểu không hợp lệ ({source}): {exc!r}") from exc
    from dangbo.statforms.evaluate import validate

    problems = validate(definition)
    if problems:
        raise DefinitionError(f"Định nghĩa biểu không hợp lệ ({source}): " + "; ".join(problems))
    return definition


def directories() -> list[Path]:
    """The shipped directory, then the office's (DANGBO_STATFORM_DIRS)."""
    raw = getattr(settings, "DANGBO_STATFORM_DIRS", "")
    extra = raw.split(":") if isinstance(raw, str) else list(raw)
    return [SHIPPED, *(Path(p) for p in extra if p)]


def load_all() -> list[FormDefinition]:
    """Every version of every form found, read fresh (files are small; an office may add
    one while the server runs)."""
    found: list[FormDefinition] = []
    for directory in directories():
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*/*.json")):
            with path.open(encoding="utf-8") as handle:
                try:
                    data = json.load(handle)
                except json.JSONDecodeError as exc:
                    msg = f"Tệp định nghĩa biểu không đọc được ({path}): {exc}"
                    raise DefinitionError(msg) from exc
            found.append(_parse(data, str(path)))
    return found


def versions(number: str) -> list[FormDefinition]:
    return sorted(
        (d for d in load_all() if d.number.lower() == number.lower()), key=lambda d: d.valid_from
    )


def numbers() -> list[str]:
    """The form numbers known, in their natural order (1, 2, 2B, 3, …)."""

    def key(n: str) -> tuple[int, str]:
        digits = "".join(ch for ch in n if ch.isdecimal())
        return (int(digits or 0), n)

    return sorted({d.number for d in load_all()}, key=key)


def pick(number: str, at: dt.date) -> FormDefinition:
    """The version of form `number` for reference date `at`: the latest valid_from <= at;
    before the first version, the first one (as core.rulesets.pick)."""
    found = versions(number)
    if not found:
        raise KeyError(number)
    chosen = found[0]
    for version in found:
        if version.valid_from <= at:
            chosen = version
    return chosen
