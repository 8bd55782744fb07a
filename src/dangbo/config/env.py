"""Settings read from the environment, in one place."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

# The project root in a checkout; data/ holds the default SQLite database.
BASE_DIR = Path(__file__).resolve().parents[3]


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Env:
    database_url: str
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    tasks_immediate: bool
    data_dir: Path
    # Seconds a database connection is kept; 0 closes it after each request.
    conn_max_age: int
    # A Redis server for the cache shared by every process; empty: a cache per process.
    redis_url: str
    # Changes to the numbers of rule sets (dangbo.core.rulesets), as JSON.
    rule_overrides: dict
    # The public portal's own database (empty: a sibling of the main one, portal_public.dbconf),
    # where the back office pushes (empty: in-process) and the shared secret of the push.
    portal_database_url: str
    portal_push_url: str
    portal_push_secret: str
    # Where new feedback is announced by e-mail (empty: only the back-office notice).
    portal_feedback_email: str
    # The portal-only deployment's own secret key and media directory.
    portal_secret_key: str
    portal_media_root: Path
    # More directories of statistics form definitions (colon-separated), beside the shipped.
    statform_dirs: str
    # inputs (docs/SECURITY.md): how many MB an imported .xlsx may unpack to.
    import_max_unpacked_mb: int
    # Login and sessions (docs/SECURITY.md, "Login"): failed logins per account and per
    # address before a lockout, its length, the pause after each failure, the second
    # factor for administrators, idle and absolute session lifetimes, API token lifetime.
    login_failure_limit: int
    login_cooloff_minutes: int
    login_failure_delay: float
    two_factor_required: bool
    session_idle_minutes: int
    session_max_hours: int
    api_token_days: int
    # Production defaults (docs/SECURITY.md, "Deploying safely"): DANGBO_HTTPS=1 turns on
    # HSTS, the redirect to HTTPS and secure cookies; the header a TLS proxy sets; the
    # origins allowed to post forms; the number of gunicorn workers and threads.
    https: bool
    hsts_seconds: int
    hsts_preload: bool
    proxy_ssl_header: str
    csrf_trusted_origins: list[str]
    web_workers: int
    web_threads: int


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def load() -> Env:
    data_dir = Path(os.environ.get("DANGBO_DATA_DIR", BASE_DIR / "data"))
    default_db = f"sqlite:///{data_dir / 'dangbo.sqlite3'}"
    return Env(
        database_url=os.environ.get("DATABASE_URL", default_db),
        debug=_flag("DANGBO_DEBUG", False),
        # Development default only; production sets DANGBO_SECRET_KEY.
        secret_key=os.environ.get("DANGBO_SECRET_KEY", "dev-only-not-secret"),
        allowed_hosts=os.environ.get(
            "DANGBO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver"
        ).split(","),
        tasks_immediate=_flag("DANGBO_TASKS_IMMEDIATE", False),
        data_dir=data_dir,
        conn_max_age=int(os.environ.get("DANGBO_DB_CONN_MAX_AGE", "60")),
        redis_url=os.environ.get("REDIS_URL", ""),
        rule_overrides=json.loads(os.environ.get("DANGBO_RULE_OVERRIDES", "") or "{}"),
        portal_database_url=os.environ.get("PORTAL_DATABASE_URL", "").strip(),
        portal_push_url=os.environ.get("DANGBO_PORTAL_PUSH_URL", ""),
        portal_push_secret=os.environ.get("DANGBO_PORTAL_PUSH_SECRET", ""),
        portal_feedback_email=os.environ.get("DANGBO_PORTAL_FEEDBACK_EMAIL", ""),
        portal_secret_key=os.environ.get(
            "DANGBO_PORTAL_SECRET_KEY", os.environ.get("DANGBO_SECRET_KEY", "dev-only-not-secret")
        ),
        portal_media_root=Path(os.environ.get("DANGBO_PORTAL_MEDIA_ROOT", data_dir / "media")),
        statform_dirs=os.environ.get("DANGBO_STATFORM_DIRS", ""),
        # inputs (docs/SECURITY.md)
        import_max_unpacked_mb=int(os.environ.get("DANGBO_IMPORT_MAX_UNPACKED_MB", "250")),
        # Login and sessions (docs/SECURITY.md, "Login").
        login_failure_limit=int(os.environ.get("DANGBO_LOGIN_FAILURE_LIMIT", "5")),
        login_cooloff_minutes=int(os.environ.get("DANGBO_LOGIN_COOLOFF_MINUTES", "15")),
        login_failure_delay=float(os.environ.get("DANGBO_LOGIN_FAILURE_DELAY", "1")),
        two_factor_required=_flag("DANGBO_2FA_REQUIRED", True),
        session_idle_minutes=int(os.environ.get("DANGBO_SESSION_IDLE_MINUTES", "30")),
        session_max_hours=int(os.environ.get("DANGBO_SESSION_MAX_HOURS", "12")),
        api_token_days=int(os.environ.get("DANGBO_API_TOKEN_DAYS", "90")),
        # Production defaults (docs/SECURITY.md).
        https=_flag("DANGBO_HTTPS", False),
        hsts_seconds=int(os.environ.get("DANGBO_HSTS_SECONDS", "31536000")),
        hsts_preload=_flag("DANGBO_HSTS_PRELOAD", True),
        proxy_ssl_header=os.environ.get("DANGBO_PROXY_SSL_HEADER", "").strip(),
        csrf_trusted_origins=_list("DANGBO_CSRF_TRUSTED_ORIGINS"),
        web_workers=int(os.environ.get("DANGBO_WEB_WORKERS", "0")),
        web_threads=int(os.environ.get("DANGBO_WEB_THREADS", "2")),
    )
