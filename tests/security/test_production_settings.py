"""Production defaults: DEBUG off unless asked, no server without a real secret key, and
`check --deploy` clean with the production variables of README (docs/SECURITY.md)."""

import os
import secrets
import subprocess
import sys

import pytest

DANGBO = [sys.executable, "-m", "dangbo.cli"]

PRODUCTION = {
    "DANGBO_HTTPS": "1",
    "DANGBO_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    "DANGBO_ALLOWED_HOSTS": "dangbo.example.vn",
    "DANGBO_CSRF_TRUSTED_ORIGINS": "https://dangbo.example.vn",
}


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGBO_", "DJANGO_SETTINGS"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        DANGBO_DATA_DIR=str(tmp_path),
        **extra,
    )
    return env


def _run(args, env):
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [*DANGBO, *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_debug_is_off_unless_dangbo_debug_is_1(monkeypatch):
    from dangbo.config.env import load

    monkeypatch.delenv("DANGBO_DEBUG", raising=False)
    assert load().debug is False
    monkeypatch.setenv("DANGBO_DEBUG", "1")
    assert load().debug is True


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (None, "chưa đặt DANGBO_SECRET_KEY"),
        ("dev-only-not-secret", "chưa đặt DANGBO_SECRET_KEY"),
        ("ngan-qua-" * 3, "quá ngắn"),
        ("ab" * 30, "quá ít ký tự khác nhau"),
    ],
)
def test_serve_refuses_to_start_without_a_real_secret_key(tmp_path, key, reason):
    env = _env(tmp_path, **({"DANGBO_SECRET_KEY": key} if key else {}))
    done = _run(["serve", "--port", "8999", "--no-worker"], env)
    assert done.returncode == 2
    assert "Không khởi động máy chủ" in done.stderr and reason in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "prod.sqlite3").exists()  # refused before touching anything


def test_portal_only_serve_refuses_too(tmp_path):
    env = _env(tmp_path, PORTAL_DATABASE_URL=f"sqlite:///{tmp_path / 'cong.sqlite3'}")
    done = _run(["serve", "--portal-only", "--port", "8999"], env)
    assert done.returncode == 2 and "Không khởi động máy chủ" in done.stderr


def test_a_wsgi_server_refuses_the_development_key(tmp_path):
    """gunicorn (or any WSGI server, runserver too) loads dangbo.config.wsgi: it refuses."""
    code = "import dangbo.config.wsgi"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=_env(tmp_path), capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and "DANGBO_SECRET_KEY" in done.stderr


def test_check_deploy_reports_the_weak_key_as_an_error(tmp_path):
    done = _run(["manage", "check", "--deploy"], _env(tmp_path))
    assert done.returncode != 0
    assert "dangbo.E001" in done.stderr


@pytest.mark.parametrize(
    "settings_module", ["dangbo.config.settings", "dangbo.config.settings_portal"]
)
def test_check_deploy_is_clean_with_the_production_variables(tmp_path, settings_module):
    env = _env(tmp_path, DANGBO_SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    done = _run(["manage", "check", "--deploy", "--fail-level", "WARNING"], env)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output and "ERRORS" not in output


def test_https_variables_turn_on_hsts_redirect_and_secure_cookies(monkeypatch):
    from dangbo.config.env import load
    from dangbo.config.production import security_settings

    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name, value)
    values = security_settings(load())
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["CSRF_COOKIE_SECURE"] and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://dangbo.example.vn"]
    monkeypatch.delenv("DANGBO_HTTPS")
    assert not security_settings(load())["SECURE_SSL_REDIRECT"]  # plain HTTP on a laptop
