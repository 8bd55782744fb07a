"""`dangbo portal export-bundle FILE` (back office) and `dangbo portal import-bundle FILE`
(portal side, also with --portal-only): the published content carried across a network
with no link. This module imports no model at import time: it is loaded by the portal-only
deployment too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

portal_app = typer.Typer(
    help="Cổng thông tin: gói tin đăng tải giữa hai mạng.", no_args_is_help=True
)


@portal_app.command("export-bundle")
def export_bundle(
    file: Annotated[Path, typer.Argument(help="Tệp gói tin (.json) cần ghi")],
) -> None:
    """Ghi toàn bộ nội dung đã đăng (không có tài liệu mật) ra một gói tin."""
    from django.conf import settings

    if getattr(settings, "DANGBO_PORTAL_ONLY", False):
        typer.echo("Lệnh này chạy ở trang quản lý, không chạy ở cổng thông tin.", err=True)
        raise typer.Exit(2)
    from dangbo.portal.publish import full_bundle

    data = full_bundle()
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    typer.echo(f"Đã ghi {len(data['items'])} mục vào {file}.")


@portal_app.command("import-bundle")
def import_bundle(
    file: Annotated[Path, typer.Argument(help="Tệp gói tin (.json) cần nạp")],
    portal_only: Annotated[bool, typer.Option("--portal-only", help="Dùng cấu hình cổng")] = False,
) -> None:
    """Nạp một gói tin vào CSDL của cổng thông tin (gói đầy đủ thay thế nội dung cũ)."""
    del portal_only  # applied before Django was set up (see cli.main)
    from dangbo.portal_public import bundle

    try:
        counts = bundle.apply(bundle.loads(file.read_bytes()))
    except (OSError, bundle.BundleError, KeyError, ValueError) as exc:
        typer.echo(f"Không nạp được gói tin: {exc}", err=True)
        raise typer.Exit(2) from exc
    shown = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "không có mục nào"
    typer.echo(f"Đã nạp gói tin ({shown}).")


@portal_app.command("migrate")
def migrate_portal(
    portal_only: Annotated[bool, typer.Option("--portal-only", help="Dùng cấu hình cổng")] = False,
) -> None:
    """Tạo hoặc cập nhật CSDL của cổng thông tin."""
    del portal_only
    from django.conf import settings
    from django.core.management import call_command

    alias = "portal" if "portal" in settings.DATABASES else "default"
    call_command("migrate", database=alias, interactive=False, verbosity=1)


def register(app: typer.Typer) -> None:
    app.add_typer(portal_app, name="portal")
