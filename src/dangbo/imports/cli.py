"""`dangbo import-members` and `dangbo export-members`: the Excel exchange on the command line.

The command line acts for the whole database (as its operator), so it has no
scope of its own; every import still goes through the same checks and services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dangbo.orgs.models import Organization

# Django is set up before register() is called; models are imported inside the commands.


@contextmanager
def _bar(label: str) -> Iterator[Callable[[int, int], None]]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("dòng"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    ) as progress:
        bar = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(bar, completed=done, total=total or None)

        yield update


def _organization(code: str) -> Organization:
    from dangbo.orgs.selectors import resolve_code

    org = resolve_code(code)
    if org is None:
        typer.echo(f"Không tìm thấy tổ chức đảng có mã {code}.", err=True)
        raise typer.Exit(2)
    return org


def import_members(
    file: Annotated[
        Path, typer.Argument(help="Tệp Excel .xlsx theo mẫu", exists=True, dir_okay=False)
    ],
    org: Annotated[str, typer.Option("--org", help="Mã tổ chức đảng nhận dữ liệu")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ kiểm tra tệp, không ghi gì")
    ] = False,
) -> None:
    """Nhập danh sách đảng viên từ Excel: ghi tất cả các dòng, hoặc không ghi gì nếu có dòng sai."""
    from dangbo.core.text import format_number
    from dangbo.imports.importing import check_file, import_file

    organization = _organization(org)
    run = check_file if dry_run else import_file
    with _bar("Kiểm tra" if dry_run else "Kiểm tra và ghi") as progress:
        report = run(file, org=organization, progress=progress)
    if not report.ok:
        for issue in report.issues:
            typer.echo(str(issue))
        hidden = report.issue_count - len(report.issues)
        if hidden:
            typer.echo(f"… và {format_number(hidden)} lỗi nữa.")
        typer.echo(
            f"Có {format_number(report.bad_rows)} dòng sai trong {format_number(report.rows)} "
            "dòng; không ghi dữ liệu nào.",
            err=True,
        )
        raise typer.Exit(1)
    if dry_run:
        typer.echo(f"Tệp hợp lệ, {format_number(report.rows)} dòng: {report.summary}. "
                   "Chưa ghi (--dry-run).")  # fmt: skip
        return
    typer.echo(f"Đã nhập {format_number(report.rows)} dòng vào {organization.name}: "
               f"{report.summary}.")  # fmt: skip


def export_members(
    file: Annotated[Path, typer.Argument(help="Tệp .xlsx sẽ ghi ra", dir_okay=False)],
    org: Annotated[str, typer.Option("--org", help="Mã tổ chức đảng")],
    include_left: Annotated[
        bool, typer.Option("--include-left", help="Kể cả người đã ra khỏi danh sách")
    ] = False,
) -> None:
    """Xuất danh sách đảng viên của một tổ chức đảng ra Excel (theo mẫu nhập)."""
    from django.db import transaction

    from dangbo.accounts.audit import audit_log
    from dangbo.accounts.models import AuditAction
    from dangbo.core.text import format_number
    from dangbo.imports.exporting import OPERATOR, cells_under, members_of_org, write_members

    organization = _organization(org)
    with transaction.atomic():
        members = members_of_org(organization, include_left=include_left)
        total = members.count()
        with _bar("Xuất") as progress:
            rows = write_members(
                members,
                file,
                cells=cells_under(organization),
                user=OPERATOR,
                total=total,
                progress=progress,
            )
        audit_log(
            user=None,
            action=AuditAction.EXPORT,
            object_type="member",
            object_id=organization.pk,
            description=f"Xuất {format_number(rows)} đảng viên của {organization.name} "
            f"ra Excel (dòng lệnh)",
        )
    typer.echo(f"Đã xuất {format_number(rows)} đảng viên của {organization.name} vào {file}.")


def register(app: typer.Typer) -> None:
    """Add the Excel import/export subcommands to `dangbo`."""
    app.command("import-members")(import_members)
    app.command("export-members")(export_members)
