"""`dangbo backup` and `dangbo restore` (the work is in dangbo.core.backup)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer


@contextmanager
def _bar(label: str) -> Iterator[Callable[[str, int, int], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
    ) as progress:
        bar = progress.add_task("", total=None)

        def update(what: str, done: int, total: int) -> None:
            progress.update(bar, description=what[-60:], completed=done, total=total or None)

        yield update


def backup(
    file: Annotated[Path, typer.Argument(help="Tệp sao lưu (.tar, hoặc .tar.gz để nén)")],
) -> None:
    """Sao lưu cả hai cơ sở dữ liệu và mọi tệp đã tải lên vào một tệp."""
    from dangbo.core.backup import BackupError, create_backup

    try:
        with _bar("Sao lưu") as progress:
            summary = create_backup(file, progress=progress)
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"Đã sao lưu vào {file}: {summary.text()}.")


def restore(
    file: Annotated[
        Path, typer.Argument(help="Tệp do dangbo backup tạo", exists=True, dir_okay=False)
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Thay thế cả khi nơi khôi phục đã có dữ liệu")
    ] = False,
) -> None:
    """Khôi phục từ bản sao lưu (kiểm tra toàn bộ trước khi ghi; nơi đích phải trống)."""
    from dangbo.core.backup import BackupError, restore_backup

    try:
        with _bar("Khôi phục") as progress:
            summary = restore_backup(file, force=force, progress=progress)
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"Đã khôi phục từ {file}: {summary.text()}.")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
