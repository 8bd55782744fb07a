"""`dangbo statform NUMBER --scope CODE --at DATE`: a statistics form as .xlsx, text or JSON;
`dangbo statform check --scope CODE --at DATE`: the consistency checks before submission.

The command line acts for the whole database (as its operator), like the other commands.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from dangbo.core.text import parse_date

        try:
            return parse_date(text)
        except ValueError as exc:
            typer.echo(f"Ngày không hợp lệ: {text}", err=True)
            raise typer.Exit(2) from exc


def _audit(action: str, org: Any, description: str) -> None:
    """The command line has no account: the audit row names the operating-system user."""
    from dangbo.accounts.audit import audit_log

    audit_log(
        user=None, action=action, object_type="statform", object_id=org.pk, description=description
    )


def statform(
    number: Annotated[str, typer.Argument(help="Số biểu (1, 2, 3, 4, 5, 6A, 6B, 7) hoặc 'check'")],
    scope: Annotated[str, typer.Option("--scope", help="Mã tổ chức đảng báo cáo")],
    at: Annotated[str, typer.Option("--at", help="Ngày báo cáo (YYYY-MM-DD)")],
    period: Annotated[
        str, typer.Option("--period", help="Kỳ báo cáo A..B; mặc định từ 01/01 đến ngày báo cáo")
    ] = "",
    format: Annotated[str, typer.Option("--format", help="xlsx, txt hoặc json")] = "txt",  # noqa: A002
    output: Annotated[Path | None, typer.Option("--output", help="Tệp ghi ra")] = None,
) -> None:
    """Lập biểu thống kê (Biểu số N-BTCTW) từ hồ sơ, hoặc kiểm tra số liệu trước khi nộp."""
    from dangbo.core.text import format_date, format_number
    from dangbo.orgs.selectors import resolve_code
    from dangbo.statforms import checks, definitions
    from dangbo.statforms.evaluate import NO_DATA, Evaluation
    from dangbo.statforms.xlsx import workbook_bytes

    day = _date(at)
    org = resolve_code(scope, day)
    if org is None:
        typer.echo(f"Không tìm thấy tổ chức đảng có mã {scope}.", err=True)
        raise typer.Exit(2)
    span = None
    if period:
        first, _, last = period.partition("..")
        span = (_date(first), _date(last))
        if span[0] > span[1]:
            typer.echo("Kỳ báo cáo: ngày bắt đầu sau ngày kết thúc.", err=True)
            raise typer.Exit(2)
    if number.lower() == "check":
        findings = checks.run(org, day, span)
        _audit(
            "view",
            org,
            f"Kiểm tra số liệu biểu thống kê của {org.name} ngày {day:%d/%m/%Y}: "
            f"{sum(len(f.records[:50]) for f in findings)} bản ghi được nêu (dòng lệnh)",
        )
        for finding in findings:
            typer.echo(f"[{'ĐÚNG' if finding.ok else 'SAI '}] {finding.label}: {finding.detail}")
            for pk, name, why in finding.records[:50]:
                typer.echo(f"    - {name} (#{pk}): {why}")
        raise typer.Exit(0 if all(f.ok for f in findings) else 1)
    try:
        definition = definitions.pick(number, day)
    except KeyError as exc:
        known = ", ".join(definitions.numbers())
        typer.echo(f"Không có biểu số {number}. Các biểu: {known}.", err=True)
        raise typer.Exit(2) from exc
    evaluation = Evaluation(definition, org, day, span)
    _audit(
        "export",
        org,
        f"Lập biểu số {definition.code} của {org.name} ngày {day:%d/%m/%Y} ({format}, dòng lệnh)",
    )
    if format == "xlsx":
        data = workbook_bytes(evaluation)
        if output is None:
            typer.echo("Cần --output cho định dạng xlsx.", err=True)
            raise typer.Exit(2)
        output.write_bytes(data)
        typer.echo(f"Đã ghi {output} ({definition.version_label}).")
        return
    if format == "json":
        text = json.dumps(evaluation.payload(), ensure_ascii=False, indent=1)
    elif format == "txt":
        start, end = evaluation.period
        lines = [
            f"Biểu số {definition.code}: {definition.title}",
            f"{org.name}, có đến ngày {format_date(day)} "
            f"(kỳ {format_date(start)}–{format_date(end)})",
            f"Định nghĩa: {definition.version_label}",
            " | ".join(["Mã", "Tiêu chí", *(f"({c.code}) {c.label}" for c in definition.columns)]),
        ]
        for line in evaluation.cells:
            row = line[0].row
            values = []
            for cell in line:
                if row.heading:
                    values.append("")
                elif cell.missing:
                    values.append(NO_DATA)
                elif cell.value is None:
                    values.append("–")
                else:
                    values.append(
                        format_number(cell.value, 2 if isinstance(cell.value, float) else 0)
                    )
            lines.append(" | ".join([row.code, "  " * row.level + row.label, *values]))
        text = "\n".join(lines)
    else:
        typer.echo("Định dạng phải là xlsx, txt hoặc json.", err=True)
        raise typer.Exit(2)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("statform")(statform)
