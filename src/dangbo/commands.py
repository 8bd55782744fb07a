"""Subcommands of `dangbo`. Django is set up before this module is imported."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

app = typer.Typer(
    help="Đảng bộ số: hệ thống thông tin của cấp ủy đảng.",
    no_args_is_help=True,
    add_completion=False,
)


def _parse_day(text: str) -> dt.date:
    from dangbo.core.text import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _migrate(verbosity: int = 0) -> None:
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    if "portal" in settings.DATABASES:  # the public portal's own database
        call_command("migrate", database="portal", interactive=False, verbosity=verbosity)


@app.command()
def migrate() -> None:
    """Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu."""
    _migrate(verbosity=1)


@app.command()
def demo(
    scale: Annotated[str, typer.Option(help="bloc | province | national")] = "bloc",
    seed: Annotated[int, typer.Option(help="Hạt giống ngẫu nhiên (kết quả tất định)")] = 2021,
    database: Annotated[str | None, typer.Option(help="DATABASE_URL (mặc định: SQLite)")] = None,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Chỉ tạo khi CSDL chưa có dữ liệu")
    ] = False,
) -> None:
    """Tạo dữ liệu mẫu: Đảng bộ Khối (DBK) trong Đảng bộ tỉnh (DBT), đến hôm nay."""
    del database  # applied before Django was set up (see cli.main)
    from dangbo.demo.generator import build_demo
    from dangbo.orgs.models import Organization

    _migrate()
    if Organization.objects.exists():
        if if_empty:
            typer.echo("Cơ sở dữ liệu đã có dữ liệu; bỏ qua tạo dữ liệu mẫu.")
            return
        typer.echo("Cơ sở dữ liệu đã có dữ liệu. Hãy dùng một cơ sở dữ liệu trống.", err=True)
        raise typer.Exit(2)
    if scale not in ("bloc", "province", "national"):
        raise typer.BadParameter("scale phải là bloc, province hoặc national")
    summary = build_demo(scale=scale, seed=seed, progress=True)
    typer.echo(summary)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Cổng")] = 8000,
    host: Annotated[str, typer.Option(help="Địa chỉ")] = "127.0.0.1",
    worker: Annotated[bool, typer.Option(help="Chạy kèm tiến trình xử lý tác vụ nền")] = True,
    portal_only: Annotated[
        bool, typer.Option("--portal-only", help="Chỉ chạy cổng thông tin (không CSDL chính)")
    ] = False,
    dev: Annotated[
        bool, typer.Option("--dev", help="Máy chủ phát triển của Django (không dùng cho máy thật)")
    ] = False,
    workers: Annotated[
        int, typer.Option(help="Số tiến trình gunicorn (mặc định DANGBO_WEB_WORKERS, 2×lõi+1)")
    ] = 0,
    threads: Annotated[
        int, typer.Option(help="Số luồng mỗi tiến trình (mặc định DANGBO_WEB_THREADS, 2)")
    ] = 0,
) -> None:
    """Chạy cổng thông tin tại http://HOST:PORT/ và trang quản lý tại /quan-ly/.

    Mặc định là máy chủ thật (gunicorn, tệp tĩnh qua WhiteNoise); --dev chạy máy chủ phát
    triển của Django."""
    from django.conf import settings
    from django.core.management import call_command

    from dangbo import serving
    from dangbo.config.production import refusal

    refused = refusal(settings.SECRET_KEY, settings.DEBUG)
    if refused:
        typer.echo(refused, err=True)
        raise typer.Exit(2)
    portal_only = portal_only or bool(getattr(settings, "DANGBO_PORTAL_ONLY", False))
    _migrate()
    supervisor = serving.worker_supervisor() if worker and not portal_only else None
    if dev:
        typer.echo(f"Chế độ phát triển (--dev): máy chủ của Django tại http://{host}:{port}/")
    else:
        env = serving.production_env()
        serving.collectstatic(env)
        count = workers or settings.ENV.web_workers or serving.default_workers()
        per = threads or settings.ENV.web_threads
        typer.echo(f"Máy chủ gunicorn ({count} tiến trình × {per} luồng) tại http://{host}:{port}/")
        command = serving.gunicorn_command(
            host=host, port=port, workers=count, threads=per, portal_only=portal_only
        )
    if supervisor is not None:
        supervisor.start()
    try:
        if dev:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        else:
            code = serving.run_gunicorn(command, env)
            if code:
                raise typer.Exit(code)
    finally:
        if supervisor is not None:
            supervisor.stop()


@app.command()
def indicators(
    scope: Annotated[str, typer.Option(help="Mã tổ chức đảng (cả mã cũ)")],
    at: Annotated[str, typer.Option(help="Tính đến ngày (YYYY-MM-DD hoặc dd/mm/yyyy)")] = "",
    period: Annotated[str, typer.Option(help="Kỳ báo cáo A..B")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="In một đối tượng JSON")] = False,
    key: Annotated[list[str] | None, typer.Option(help="Chỉ tính các chỉ tiêu này")] = None,
    records: Annotated[bool, typer.Option(help="Liệt kê bản ghi của từng chỉ tiêu")] = False,
) -> None:
    """Tính các chỉ tiêu của một tổ chức đảng tại một ngày."""
    from dangbo.indicators.registry import Context, all_indicators
    from dangbo.orgs.selectors import resolve_code

    day = _parse_day(at) if at else dt.date.today()  # noqa: DTZ011 - a calendar day
    span = None
    if period:
        start, _, end = period.partition("..")
        span = (_parse_day(start), _parse_day(end))
    org = resolve_code(scope, at=day)
    if org is None:
        typer.echo(f"Không tìm thấy tổ chức có mã {scope}.", err=True)
        raise typer.Exit(2)
    context = Context(scope=org, at=day, period=span)
    out: dict[str, dict[str, object]] = {}
    for ind in all_indicators():
        if key and ind.key not in key:
            continue
        entry: dict[str, object] = {"label": ind.label, "unit": ind.unit}
        if records:  # the records come with an uncached computation
            result = ind(context)
            entry["value"] = result.value
            if result.records is not None:
                entry["records"] = [str(r) for r in result.records[:1000]]
        else:
            entry["value"] = ind.value(context)
        out[ind.key] = entry
    if records:
        listed = sum(len(e.get("records", [])) for e in out.values())  # type: ignore[arg-type]
        _audit_cli(
            "view",
            "indicator_records",
            org,
            f"Xem bản ghi các chỉ tiêu của {org.name} tính đến {day:%d/%m/%Y}: "
            f"{listed} dòng (dòng lệnh)",
        )
    if not key:
        from dangbo.programmes.commands import target_entries

        out.update(target_entries(org, at=day, period=span))
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return
    from dangbo.core.text import format_number

    typer.echo(f"{org.name} ({org.code}), ngày {day:%d/%m/%Y}")
    for k, entry in out.items():
        value = entry["value"]
        if k.startswith("target."):
            typer.echo(f"  {entry['label']} [{k}]: {entry['text']}")
            continue
        shown = (
            ", ".join(f"{a}: {format_number(b)}" for a, b in value.items())
            if isinstance(value, dict)
            else format_number(value)  # type: ignore[arg-type]
        )
        typer.echo(f"  {entry['label']} [{k}]: {shown}")


def _audit_cli(action: str, object_type: str, org: object, description: str) -> None:
    """A read of personal data on the command line: the audit row names the OS user."""
    from dangbo.accounts.audit import audit_log

    audit_log(
        user=None,
        action=action,
        object_type=object_type,
        object_id=getattr(org, "pk", ""),
        description=description,
    )


@app.command()
def logins(
    port: Annotated[int, typer.Option(help="Cổng của trang quản lý")] = 8000,
) -> None:
    """In danh sách tài khoản và vai trò (tài khoản mẫu dùng mật khẩu demo1234)."""
    from django.contrib.auth import get_user_model

    from dangbo.accounts.models import RoleAssignment

    users = get_user_model().objects.order_by("pk")
    if not users.exists():
        typer.echo("Chưa có tài khoản. Tạo dữ liệu mẫu: dangbo demo")
        return
    typer.echo(
        f"Trang quản lý: http://127.0.0.1:{port}/quan-ly/  (tài khoản mẫu: mật khẩu demo1234)"
    )
    from django.utils import timezone

    today = timezone.localdate()
    roles = RoleAssignment.objects.select_related("organization").order_by("starts_on", "pk")
    by_user: dict[int, list[str]] = {}
    for r in roles:
        # Only roles active today count (core.scope); the others are shown marked.
        label = f"{r.get_role_display()} – {r.organization.name}"
        if r.ends_on is not None and r.ends_on < today:
            label = f"[đã kết thúc {r.ends_on:%d/%m/%Y}] {label}"
        elif r.starts_on is not None and r.starts_on > today:
            label = f"[từ {r.starts_on:%d/%m/%Y}] {label}"
        by_user.setdefault(r.user_id, []).append(label)
    for user in users[:50]:
        label = "; ".join(sorted(by_user.get(user.pk, []), key=lambda t: t.startswith("["))) or (
            "Quản trị hệ thống (superuser)" if user.is_superuser else "chưa phân quyền"
        )
        typer.echo(f"  {user.username:<11} {label}")
    from django.conf import settings

    if settings.DANGBO_2FA_REQUIRED:
        typer.echo(
            "Tài khoản quản trị (admin, quantri) phải bật xác thực hai bước: lần đăng nhập đầu "
            "tiên, trang quản lý hiện mã QR để quét bằng ứng dụng xác thực trên điện thoại "
            "(Google Authenticator, FreeOTP…). Tắt yêu cầu này cho bản chạy thử: "
            "DANGBO_2FA_REQUIRED=0."
        )


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage(ctx: typer.Context) -> None:
    """Chạy một lệnh quản trị của Django (ví dụ: dangbo manage createsuperuser)."""
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dangbo manage", *ctx.args])


def _register_subcommands() -> None:
    from django.conf import settings

    from dangbo.portal.cli import register as register_portal

    register_portal(app)
    if getattr(settings, "DANGBO_PORTAL_ONLY", False):
        return  # the portal-only deployment has no back-office command
    from dangbo.imports.cli import register
    from dangbo.statforms.cli import register as register_statforms

    register(app)
    from dangbo.reports.cli import register as register_reports

    register_reports(app)
    register_statforms(app)
    from dangbo.core.cli import register as register_backup

    register_backup(app)


_register_subcommands()
