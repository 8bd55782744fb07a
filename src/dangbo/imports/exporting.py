"""Exporting members to the spreadsheet format, streamed from the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet

from dangbo.core.scope import Action, scoped
from dangbo.imports.workbook import MemberWorkbook
from dangbo.members.choices import MemberStatus
from dangbo.members.models import Member
from dangbo.members.selectors import LIST_PARAMS, member_list_from_params
from dangbo.members.sensitive import hidden_fields
from dangbo.orgs.models import CELL_KINDS, Organization

# Up to this many rows an export is written during the request; more go to a job.
DIRECT_LIMIT = 2_000
CHUNK = 2_000
MAX_LISTED_CELLS = 5_000
Progress = Callable[[int, int], None]
EVERYTHING: frozenset[str] = frozenset()  # no field hidden
OPERATOR = object()  # the reader of a command-line export: whoever runs the server


def export_params(params: Any) -> dict[str, str]:
    """The member-list GET parameters worth keeping (for a job, a log line)."""
    return {key: params.get(key) for key in LIST_PARAMS if params.get(key)}


def members_to_export(user: Any, params: Any) -> QuerySet[Member]:
    """Exactly the member list the user sees with these parameters, within their export scope."""
    members = member_list_from_params(user, params)
    return scoped(user, Action.EXPORT, members).select_related("person", "cell")


def cells_under(org: Organization | None, user: Any = None) -> list[tuple[str, str]]:
    """(code, name) of the active cells under `org` (in the user's import scope, if a user)."""
    if org is None:
        return []
    cells = Organization.objects.get_tree(org).filter(
        kind__in=CELL_KINDS, dissolved_on__isnull=True
    )
    if user is not None:
        cells = scoped(user, Action.IMPORT, cells)
    return list(cells.order_by("path").values_list("code", "name")[:MAX_LISTED_CELLS])


def write_members(
    members: QuerySet[Member],
    dest: str | Path | IO[bytes],
    *,
    cells: list[tuple[str, str]] | None = None,
    user: Any,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write `members` (streamed in chunks) to an .xlsx file; returns the number of rows.

    The fields `user` may not read on a row (members.sensitive) stay empty; OPERATOR
    (the command line, run by the server's operator) has every field written.
    """
    book = MemberWorkbook(cells=cells or [])
    for member in members.iterator(chunk_size=CHUNK):
        book.append_member(member, EVERYTHING if user is OPERATOR else hidden_fields(user, member))
        if progress and book.rows % 500 == 0:
            progress(book.rows, max(total, book.rows))
    if progress:
        progress(book.rows, book.rows)
    book.save(dest)  # type: ignore[arg-type]
    return book.rows


_PARAM_LABELS = {"q": "tìm “{}”", "status": "tình trạng {}", "gender": "giới tính {}"}


def describe(params: dict[str, str], org: Organization | None) -> str:
    """The filters of an export in words, for its title and its audit line."""
    parts = [f"{org.name} ({org.code})"] if org else []
    for key, template in _PARAM_LABELS.items():
        if params.get(key):
            parts.append(template.format(params[key]))
    if params.get("include_left"):
        parts.append("kể cả người đã ra khỏi danh sách")
    return ", ".join(parts) or "toàn bộ phạm vi"


def members_of_org(org: Organization, *, include_left: bool = False) -> QuerySet[Member]:
    """Every member under `org`, for the command line (which has no user and no scope)."""
    members = Member.objects.filter(org_path__startswith=org.path)
    if not include_left:
        members = members.exclude(status=MemberStatus.LEFT)
    return members.select_related("person", "cell").order_by("person__search_name", "pk")
