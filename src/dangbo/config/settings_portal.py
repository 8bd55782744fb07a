"""Settings of the portal-only deployment (`dangbo serve --portal-only`).

No back-office app, no main database: DATABASES holds only the portal database, as
"default"; the URLs are the public site's only. Nothing here can reach a member, a person
or any back-office record.
"""

from __future__ import annotations

from pathlib import Path

from dangbo.config import env as _env
from dangbo.portal_public.dbconf import database, portal_database_url

ENV = _env.load()
PACKAGE_DIR = Path(__file__).resolve().parents[1]

SECRET_KEY = ENV.portal_secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "captcha",
    "dangbo.portal_public",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dangbo.core.middleware.reject_nul",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "dangbo.portal_public.urls_root"
WSGI_APPLICATION = "dangbo.config.wsgi_portal.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["django.template.context_processors.request"],
            "builtins": ["dangbo.core.templatetags.vn"],
        },
    }
]

# Only the portal database, as "default" (no router: everything lives there).
DATABASES = {
    "default": database(
        portal_database_url(ENV.database_url, ENV.portal_database_url),
        ENV.conn_max_age,
    )
}
DATABASE_ROUTERS: list[str] = []

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ENV.redis_url}
        if ENV.redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["dangbo.config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = ENV.data_dir / "static-portal"
# The vendored CSS framework only (no back-office app is installed).
STATICFILES_DIRS = [
    ("vendor/bootstrap", PACKAGE_DIR / "backoffice" / "static" / "vendor" / "bootstrap")
]
MEDIA_ROOT = ENV.portal_media_root
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = True

DANGBO_PORTAL_ONLY = True
DANGBO_PORTAL_PUSH_SECRET = ENV.portal_push_secret
DANGBO_PORTAL_FEEDBACK_EMAIL = ENV.portal_feedback_email
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- prod: production defaults (docs/SECURITY.md, "Production defaults", "Deploying safely")
from dangbo.config import production as _production  # noqa: E402

globals().update(_production.security_settings(ENV))
CONTENT_SECURITY_POLICY = _production.content_security_policy()
STORAGES = _production.static_storages()
WHITENOISE_USE_FINDERS = not _production.uses_manifest()
