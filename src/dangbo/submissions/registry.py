"""What each kind of call is, in the app that owns it: how to fill one, how to show one.

The reports app registers "report", the statforms app "statform", in their apps.ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    fill_url: Callable[[Any, Any], str]  # (call, org) -> the page where org fills it
    submission_url: Callable[[Any], str]  # (submission) -> the page showing it
    # (value, label) of what may be asked for: report templates, form numbers.
    subjects: Callable[[], list[tuple[str, str]]] | None = None


_KINDS: dict[str, Kind] = {}


def register_kind(
    key: str,
    *,
    label: str,
    fill_url: Callable[[Any, Any], str],
    submission_url: Callable[[Any], str],
    subjects: Callable[[], list[tuple[str, str]]] | None = None,
) -> None:
    _KINDS[key] = Kind(
        key=key, label=label, fill_url=fill_url, submission_url=submission_url, subjects=subjects
    )


def kind(key: str) -> Kind | None:
    return _KINDS.get(key)
