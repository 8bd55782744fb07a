"""Where the portal's own database lives (read by both settings modules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url


def portal_database_url(main_url: str, explicit: str = "") -> str:
    """PORTAL_DATABASE_URL, else a sibling of the main database.

    PostgreSQL: the same server, database name + "_portal". SQLite: data/portal.sqlite3 next
    to data/dangbo.sqlite3, or <name>_portal.sqlite3 next to any other file.
    """
    if explicit:
        return explicit
    if main_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        head, _, tail = main_url.rpartition("/")
        name, sep, query = tail.partition("?")
        return f"{head}/{name}_portal{sep}{query}"
    raw = main_url.split("sqlite:///", 1)[-1] if main_url.startswith("sqlite") else ""
    if not raw or raw == ":memory:":
        return "sqlite://:memory:"
    main = Path(raw)
    sibling = "portal.sqlite3" if main.name == "dangbo.sqlite3" else f"{main.stem}_portal.sqlite3"
    return f"sqlite:///{main.with_name(sibling)}"


def database(url: str, conn_max_age: int) -> dict[str, Any]:
    config: dict[str, Any] = dj_database_url.parse(url, conn_max_age=conn_max_age)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        config["CONN_MAX_AGE"] = 0
    return config
