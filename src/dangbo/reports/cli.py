"""`dangbo report`: a periodic report of any scope and period, from the records.

Without --save nothing is stored: the report is generated, printed (txt, html) or written to
--output. With --save it is stored as a draft in the reports list. The command line acts as
the operator of the whole database (no scope of its own)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def report(
    scope: Annotated[str, typer.Option(help="Mã tổ chức đảng (cả mã cũ)")],
    period: Annotated[str, typer.Option(help="Kỳ báo cáo A..B (YYYY-MM-DD hoặc dd/mm/yyyy)")],
    fmt: Annotated[str, typer.Option("--format", help="html | docx | pdf | txt")] = "txt",
    output: Annotated[Path | None, typer.Option(help="Tệp ghi ra (mặc định: màn hình)")] = None,
    at: Annotated[str, typer.Option(help="Ngày ký báo cáo (mặc định: hôm nay)")] = "",
    template: Annotated[str, typer.Option(help="full | base (mẫu tổ chức cơ sở)")] = "full",
    save: Annotated[bool, typer.Option("--save", help="Lưu thành dự thảo trong hệ thống")] = False,
) -> None:
    """Lập báo cáo định kỳ của một tổ chức đảng cho một kỳ, tính từ dữ liệu."""
    from django.core.exceptions import ValidationError

    from dangbo.core.text import parse_date
    from dangbo.orgs.selectors import resolve_code
    from dangbo.reports.render import FORMATS, render
    from dangbo.reports.services import report_build, report_create

    if fmt not in FORMATS:
        raise typer.BadParameter("--format phải là html, docx, pdf hoặc txt")
    try:
        start_text, _, end_text = period.partition("..")
        start, end = parse_date(start_text), parse_date(end_text)
        dated = parse_date(at) if at else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    org = resolve_code(scope, at=end)
    if org is None:
        typer.echo(f"Không tìm thấy tổ chức có mã {scope}.", err=True)
        raise typer.Exit(2)
    build = report_create if save else report_build
    try:
        made = build(org=org, period_start=start, period_end=end, template=template, dated=dated)
    except ValidationError as exc:
        typer.echo("; ".join(exc.messages), err=True)
        raise typer.Exit(2) from exc
    data = render(made, fmt)
    from dangbo.accounts.audit import audit_log

    audit_log(
        user=None,
        action="export",
        object_type="report",
        object_id=org.pk,
        description=f"Lập báo cáo {org.name} kỳ {start:%d/%m/%Y}–{end:%d/%m/%Y} ({fmt}, dòng lệnh)",
    )
    if output is not None:
        output.write_bytes(data)
        typer.echo(f"Đã ghi báo cáo vào {output}.", err=True)
    elif fmt in ("docx", "pdf"):
        if sys.stdout.isatty():
            typer.echo("Tệp .docx, .pdf cần --output TỆP.", err=True)
            raise typer.Exit(2)
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data.decode())
    if save:
        typer.echo(f"Đã lưu dự thảo báo cáo số {made.pk}.", err=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
