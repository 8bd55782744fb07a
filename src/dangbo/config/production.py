"""Production defaults shared by both settings modules (docs/SECURITY.md, "Deploying safely").

Values come from dangbo.config.env; this module only turns them into Django settings, the
Content-Security-Policy, and the rule that refuses to serve without a real secret key.
"""

from __future__ import annotations

import os
from typing import Any

from csp.constants import NONCE, NONE, SELF
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from whitenoise.storage import CompressedManifestStaticFilesStorage

from dangbo.config.env import Env

DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - the known development default
MIN_KEY_LENGTH = 50
MIN_KEY_UNIQUE = 5


def secret_key_problem(key: str) -> str | None:
    """Why `key` is not a real secret key (None when it is), in Vietnamese."""
    if not key or key == DEV_SECRET_KEY:
        return "chưa đặt DANGBO_SECRET_KEY (đang dùng khóa mặc định của môi trường phát triển)"
    if key.startswith("django-insecure-"):
        return "DANGBO_SECRET_KEY là khóa mẫu 'django-insecure-' của Django"
    if len(key) < MIN_KEY_LENGTH:
        return f"DANGBO_SECRET_KEY quá ngắn ({len(key)} ký tự; cần ít nhất {MIN_KEY_LENGTH})"
    if len(set(key)) < MIN_KEY_UNIQUE:
        return f"DANGBO_SECRET_KEY có quá ít ký tự khác nhau (cần ít nhất {MIN_KEY_UNIQUE})"
    return None


def refusal(key: str, debug: bool) -> str | None:
    """The message a server prints when it refuses to start (None: it may start)."""
    problem = None if debug else secret_key_problem(key)
    if problem is None:
        return None
    return (
        f"Không khởi động máy chủ: {problem}. Hãy đặt DANGBO_SECRET_KEY là một chuỗi ngẫu nhiên "
        "dài ít nhất 50 ký tự, ví dụ: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        " (hoặc đặt DANGBO_DEBUG=1 để chạy chế độ phát triển, không dùng cho máy thật)."
    )


def ensure_secret_key() -> None:
    """Raise ImproperlyConfigured when DEBUG is off and the secret key is not real.

    Called by every server entry point: the WSGI modules (gunicorn, runserver) and
    `dangbo serve` before it starts anything.
    """
    from django.conf import settings

    message = refusal(settings.SECRET_KEY, settings.DEBUG)
    if message:
        raise ImproperlyConfigured(message)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from django.conf import settings

    message = refusal(settings.SECRET_KEY, settings.DEBUG)
    return [checks.Error(message, id="dangbo.E001")] if message else []


def security_settings(env: Env) -> dict[str, Any]:
    """HTTPS, cookies, proxy header and trusted origins, as settings."""
    proxy = (env.proxy_ssl_header, "https") if env.proxy_ssl_header else None
    values: dict[str, Any] = {
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_TRUSTED_ORIGINS": env.csrf_trusted_origins,
        "SECURE_SSL_REDIRECT": env.https,
        "SESSION_COOKIE_SECURE": env.https,
        "CSRF_COOKIE_SECURE": env.https,
        "SECURE_HSTS_SECONDS": env.hsts_seconds if env.https else 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env.https,
        "SECURE_HSTS_PRELOAD": env.https and env.hsts_preload,
        "SECURE_PROXY_SSL_HEADER": proxy,
    }
    return values


def content_security_policy() -> dict[str, Any]:
    """django-csp 4 policy: own origin only, scripts and <style> blocks need the nonce.

    style= attributes stay allowed (style-src-attr): progress bars and indentation use them,
    and an attribute cannot run code.
    """
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF, NONCE],
            "style-src-attr": ["'unsafe-inline'"],
            "img-src": [SELF, "data:"],
            "font-src": [SELF, "data:"],
            "connect-src": [SELF],
            "frame-ancestors": [NONE],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
        }
    }


def static_storages() -> dict[str, Any]:
    """Hashed, compressed static files once `collectstatic` ran (`dangbo serve` sets
    DANGBO_STATIC_MANIFEST=1 for it and for the server); plain files otherwise (tests, dev)."""
    manifest = os.environ.get("DANGBO_STATIC_MANIFEST", "") == "1"
    backend = (
        "dangbo.config.production.StaticStorage"
        if manifest
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": backend},
    }


def uses_manifest() -> bool:
    return os.environ.get("DANGBO_STATIC_MANIFEST", "") == "1"


def _without_source_maps(patterns: Any) -> tuple[Any, ...]:
    kept = []
    for extension, entries in patterns:
        entries = tuple(
            e for e in entries if "sourceMappingURL" not in (e[0] if isinstance(e, tuple) else e)
        )
        kept.append((extension, entries))
    return tuple(kept)


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed storage, minus the source-map references: the
    vendored minified libraries name .map files that are not shipped."""

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)

    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        # A vendored stylesheet naming a file that is not shipped (an older font format)
        # keeps its reference as written instead of failing the whole collectstatic.
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is not None:
                raise
            return name
