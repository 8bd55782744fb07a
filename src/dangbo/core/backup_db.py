"""One database into a file and back: SQLite's online backup API, PostgreSQL's pg_dump.

Used by dangbo.core.backup; every function takes a Django database alias.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, with argument lists
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction

# Rows that `dangbo migrate` writes by itself: a database with only these is empty.
MIGRATE_TABLES = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the user (Vietnamese)."""


def engine(alias: str) -> str:
    name = settings.DATABASES[alias]["ENGINE"]
    if name.endswith("sqlite3"):
        if str(settings.DATABASES[alias]["NAME"]) in {":memory:", ""}:
            raise BackupError(f"Cơ sở dữ liệu {alias!r} nằm trong bộ nhớ: không sao lưu được.")
        return "sqlite"
    if "postgresql" in name:
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {name}.")


def _quote(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_path(alias: str) -> Path:
    return Path(settings.DATABASES[alias]["NAME"])


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {n: conn.execute(f"SELECT count(*) FROM {_quote(n)}").fetchone()[0] for n in names}  # noqa: S608


def sqlite_dump(alias: str, out: Path) -> dict[str, int]:
    """Copy the live database page by page (a consistent snapshot); the row counts of the copy."""
    path = _sqlite_path(alias)
    if not path.exists():
        raise BackupError(f"Không thấy tệp cơ sở dữ liệu {path}.")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(out)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
        return _sqlite_counts(target)
    finally:
        target.close()
        source.close()


def sqlite_load(alias: str, dump: Path) -> None:
    """Replace the target database's whole content by the archived copy."""
    path = _sqlite_path(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_args(alias: str) -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES[alias]
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"Không tìm thấy lệnh {name}: hãy cài gói postgresql-client.")
    return path


def _major(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    return int(match.group(1)) if match else 0


def pg_versions(alias: str) -> tuple[int, int]:
    """(major version of the server, of pg_dump). pg_dump refuses a newer server."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = _major(cursor.fetchone()[0])
    out = subprocess.run(  # noqa: S603
        [_tool("pg_dump"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    return server, _major(out.split(")", 1)[-1])


def _pg_counts(cursor: Any) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f"SELECT count(*) FROM {_quote(name)}")  # noqa: S608
        counts[name] = cursor.fetchone()[0]
    return counts


def pg_dump(alias: str, out: Path) -> dict[str, int]:
    """pg_dump (custom format) of a snapshot, and the row counts of that same snapshot."""
    server, client = pg_versions(alias)
    if client < server:
        raise BackupError(
            f"pg_dump phiên bản {client} cũ hơn máy chủ PostgreSQL {server}: "
            f"hãy cài postgresql-client-{server}."
        )
    args, env = _pg_args(alias)
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _pg_counts(cursor)
        done = subprocess.run(  # noqa: S603
            [_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={out}", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise BackupError(f"pg_dump báo lỗi: {done.stderr.strip()}")
    return counts


def pg_load(alias: str, dump: Path) -> None:
    """pg_restore into the target database in one transaction (dropping what it replaces)."""
    args, env = _pg_args(alias)
    connections[alias].close()
    done = subprocess.run(  # noqa: S603
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(dump),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore báo lỗi: {done.stderr.strip()}")


# --- Either engine ------------------------------------------------------------------------


def dump(alias: str, out: Path) -> dict[str, int]:
    return sqlite_dump(alias, out) if engine(alias) == "sqlite" else pg_dump(alias, out)


def load(alias: str, dump_file: Path) -> None:
    connections[alias].close()
    if engine(alias) == "sqlite":
        sqlite_load(alias, dump_file)
    else:
        pg_load(alias, dump_file)


def row_counts(alias: str) -> dict[str, int]:
    """Rows per table of the live database ({} when it does not exist yet)."""
    if engine(alias) == "sqlite":
        path = _sqlite_path(alias)
        if not path.exists():
            return {}
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return _sqlite_counts(conn)
        finally:
            conn.close()
    with connections[alias].cursor() as cursor:
        return _pg_counts(cursor)


def tables_with_rows(alias: str) -> list[str]:
    """The tables that hold data (not only what `dangbo migrate` writes)."""
    return sorted(name for name, n in row_counts(alias).items() if n and name not in MIGRATE_TABLES)
