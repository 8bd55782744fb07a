"""`dangbo serve --portal-only`: no URL, query or setting reaches a member, a person or a
back-office record."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

PROBE = r"""
import json, django
django.setup()
from django.apps import apps
from django.conf import settings
from django.urls import Resolver404, resolve
from django.db import connection

labels = sorted(a.label for a in apps.get_app_configs())
models = sorted(m._meta.label for m in apps.get_models())
resolved = {}
for url in ["/quan-ly/", "/quan-ly/dang-nhap/", "/quan-ly/cong-thong-tin/", "/api/",
            "/api/members", "/django-admin/", "/quan-ly/dang-vien/1/"]:
    try:
        resolved[url] = resolve(url).view_name
    except Resolver404:
        resolved[url] = None
from django.core.management import call_command
call_command("migrate", verbosity=0)
tables = connection.introspection.table_names()
print(json.dumps({
    "labels": labels, "models": models, "resolved": resolved, "tables": tables,
    "databases": {k: str(v["NAME"]) for k, v in settings.DATABASES.items()},
    "settings": sorted(k for k in dir(settings) if k.isupper()),
}))
"""


def _env(tmp_path):
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "dangbo.config.settings_portal",
        "DANGBO_DATA_DIR": str(tmp_path),
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'cong.sqlite3'}",
        # a main database URL in the environment must not make it reachable
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dangbo.sqlite3'}",
        **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ},
    }


def test_portal_only_reaches_no_back_office_record(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=_env(tmp_path),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    for label in [
        "members",
        "orgs",
        "accounts",
        "auth",
        "admin",
        "sessions",
        "portal",
        "programmes",
        "backoffice",
        "core",
        "inspection",
    ]:
        assert label not in found["labels"], label
    assert not [m for m in found["models"] if not m.startswith(("portal_public.", "captcha."))]
    assert set(found["resolved"].values()) == {None}, found["resolved"]
    assert list(found["databases"]) == ["default"]
    assert found["databases"]["default"].endswith("cong.sqlite3")
    assert not (tmp_path / "dangbo.sqlite3").exists()
    assert all(
        t.startswith(("portal_public_", "captcha_", "django_migrations")) for t in found["tables"]
    )
    assert "DANGBO_RULE_OVERRIDES" not in found["settings"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_portal_only(tmp_path):
    port = _free_port()
    env = _env(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE")
    env["DANGBO_PORTAL_SECRET_KEY"] = secrets.token_urlsafe(50)  # DEBUG is off: a real key
    server = subprocess.Popen(
        [sys.executable, "-m", "dangbo.cli", "serve", "--portal-only", "--port", str(port)]
        + ["--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, page = time.monotonic() + 180, None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert page is not None, "the portal did not answer within 180 s"
        assert "Thống kê truy cập" in page and "Đăng nhập" not in page
        for path in ["/quan-ly/", "/quan-ly/dang-nhap/", "/api/openapi.json"]:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
                raise AssertionError(f"{path} answered")
            except urllib.error.HTTPError as exc:
                assert exc.code == 404
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/vendor/bootstrap/bootstrap.min.css"
        ) as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not (tmp_path / "dangbo.sqlite3").exists()
    assert os.path.exists(tmp_path / "cong.sqlite3")
