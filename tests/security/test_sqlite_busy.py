"""SQLite (the embedded default) in WAL mode with a busy timeout: a long write (an import)
makes a login wait a moment instead of failing with "database is locked".

Runs in a subprocess on a database file, as `dangbo serve` uses it (the test database of
pytest lives in memory, where neither WAL nor locking between connections applies)."""

import json
import os
import subprocess
import sys

import pytest

SCRIPT = r"""
import json, threading, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client

call_command("migrate", verbosity=0)
call_command("migrate", database="portal", verbosity=0)
get_user_model().objects.create_user(username="thuky", password="mat-khau-123")
out = {}
with connection.cursor() as c:
    out["journal"] = c.execute("PRAGMA journal_mode").fetchone()[0]
    out["busy_ms"] = c.execute("PRAGMA busy_timeout").fetchone()[0]
with connections["portal"].cursor() as c:
    out["portal_journal"] = c.execute("PRAGMA journal_mode").fetchone()[0]
    out["portal_busy_ms"] = c.execute("PRAGMA busy_timeout").fetchone()[0]

held = threading.Event()
HOLD = 6.0  # longer than the password check of the login, even on a busy machine

def long_import():
    # a write transaction held for a few seconds, like an import in progress
    with transaction.atomic():
        get_user_model().objects.create_user(username="dang-nhap-tu-tep", password="x")
        held.set()
        time.sleep(HOLD)
        out["released"] = time.monotonic()
    connection.close()

worker = threading.Thread(target=long_import)
worker.start()
held.wait(10)
start = time.monotonic()
users = get_user_model().objects.count()  # WAL: reading does not wait for the writer
out["read_s"] = time.monotonic() - start
start = out["login_start"] = time.monotonic()
response = Client().post("/quan-ly/dang-nhap/", {"username": "thuky", "password": "mat-khau-123"})
out["login_end"] = time.monotonic()
out["login_s"] = out["login_end"] - start
out["login_status"] = response.status_code
worker.join()
out["users"] = get_user_model().objects.count()
print(json.dumps(out))
"""


@pytest.fixture
def sqlite_env(tmp_path):
    if os.environ.get("DATABASE_URL", "sqlite").split(":", 1)[0] not in ("sqlite", ""):
        pytest.skip("SQLite only")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PORTAL_DATABASE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="dangbo.config.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'dangbo.sqlite3'}",
        DANGBO_DATA_DIR=str(tmp_path),
        DANGBO_DEBUG="0",
    )
    return env


def test_a_login_waits_for_a_long_write_instead_of_failing(sqlite_env):
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", SCRIPT], env=sqlite_env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "database is locked" not in done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["journal"] == "wal" and out["portal_journal"] == "wal"
    assert out["busy_ms"] >= 10_000 and out["portal_busy_ms"] >= 10_000
    assert out["read_s"] < 1.0  # readers are not blocked by the writer
    assert out["login_status"] == 302  # logged in, after waiting for the writer
    # it began while the long write held the lock and ended after: it waited for it
    assert out["login_start"] < out["released"] < out["login_end"]
    assert out["users"] == 2  # and the long write committed too


def test_without_the_busy_timeout_the_same_login_would_fail(sqlite_env):
    """The proof that the test above tests something: with no wait, SQLite refuses."""
    script = SCRIPT.replace(
        "django.setup()",
        "from django.conf import settings\n"
        "django.setup()\n"
        "from django.db import connections as _c\n"
        "_c['default'].settings_dict['OPTIONS']['timeout'] = 0.05",
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], env=sqlite_env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert "database is locked" in done.stderr
