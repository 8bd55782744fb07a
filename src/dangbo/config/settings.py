"""Django settings. Everything that varies comes from dangbo.config.env."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from dangbo.config import env as _env

ENV = _env.load()
BASE_DIR = _env.BASE_DIR
PACKAGE_DIR = Path(__file__).resolve().parents[1]

SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # Login security (docs/SECURITY.md): lockout, second factor, Content-Security-Policy.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "treebeard",
    "django_tasks",
    "django_tasks_db",
    "dangbo.core",
    "dangbo.accounts",
    "dangbo.orgs",
    "dangbo.members",
    "dangbo.indicators",
    "dangbo.jobs",
    "dangbo.imports",
    "dangbo.admission",
    "dangbo.rating",
    "dangbo.badges",
    "dangbo.dues",
    "dangbo.inspection",
    "dangbo.discipline",
    "dangbo.activities",
    "dangbo.studies",
    "dangbo.emulation",
    "dangbo.massorgs",
    "dangbo.programmes",
    "dangbo.submissions",
    "dangbo.reports",
    "dangbo.dashboard",
    "dangbo.statforms",
    "dangbo.portal",
    "dangbo.portal_public",
    "captcha",
    "django_prose_editor",
    "django.contrib.sitemaps",
    "dangbo.backoffice",
    "dangbo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dangbo.core.middleware.reject_nul",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "dangbo.config.urls"
WSGI_APPLICATION = "dangbo.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangbo.backoffice.context.navigation",
            ],
            "builtins": ["dangbo.core.templatetags.vn"],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=ENV.conn_max_age)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The public portal's own database: published content, feedback and visitor counts only
# (see dangbo.portal_public.dbconf and docs/ARCHITECTURE.md, "The public portal").
from dangbo.portal_public.dbconf import database as _portal_db  # noqa: E402
from dangbo.portal_public.dbconf import portal_database_url as _portal_url  # noqa: E402

DATABASES["portal"] = _portal_db(
    _portal_url(ENV.database_url, ENV.portal_database_url), ENV.conn_max_age
)
DATABASE_ROUTERS = ["dangbo.portal_public.router.PortalRouter"]
# A split deployment: the back office pushes to this address with this shared secret.
DANGBO_PORTAL_PUSH_URL = ENV.portal_push_url
DANGBO_PORTAL_PUSH_SECRET = ENV.portal_push_secret
# Where new feedback is announced by e-mail (empty: only the back-office notice).
DANGBO_PORTAL_FEEDBACK_EMAIL = ENV.portal_feedback_email
# More directories of statistics form definitions (dangbo.statforms.definitions).
DANGBO_STATFORM_DIRS = ENV.statform_dirs
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10

# Indicator values (dangbo.indicators.registry) are cached here; their keys carry the data
# version, so a cache per process stays right, and Redis shares the values between processes.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ENV.redis_url}
        if ENV.redis_url
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Vietnamese for everyone: no LocaleMiddleware, so a browser set to English does not mix
# Django's own messages ("This field is required.") into the Vietnamese pages.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Off: with it on, {{ obj.pk }} renders 1.234 and breaks every id of 1.000 or more in a
# link, a hidden input or a data- attribute. Figures go through vn_number (3.407).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["dangbo.config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = ENV.data_dir / "static"
MEDIA_ROOT = ENV.data_dir / "media"
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "backoffice:login"

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENV.tasks_immediate
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Numbers of rule sets changed by this deployment (see dangbo.core.rulesets).
DANGBO_RULE_OVERRIDES = ENV.rule_overrides

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- inputs: files and edge inputs (docs/SECURITY.md)
# An imported .xlsx may unpack to this many MB at most (decompression bombs).
DANGBO_IMPORT_MAX_UNPACKED_MB = ENV.import_max_unpacked_mb
SECURE_CONTENT_TYPE_NOSNIFF = True  # Django's default, kept explicit: every answer says nosniff
# --- login (docs/SECURITY.md)
from datetime import timedelta as _timedelta  # noqa: E402

# django-axes: after DANGBO_LOGIN_FAILURE_LIMIT failures for one account, or from one
# address, every login of that account or address is refused for the cool-off; a success
# clears the count. Every login (back office, Django admin) goes through the backends above.
AXES_FAILURE_LIMIT = ENV.login_failure_limit
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_COOLOFF_TIME = _timedelta(minutes=ENV.login_cooloff_minutes)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dangbo.accounts.login_guard.lockout_response"
AXES_VERBOSE = False
# The pause after a failed login grows with the failures (accounts.login_guard).
DANGBO_LOGIN_FAILURE_DELAY = ENV.login_failure_delay
# django-otp: administrators need a second factor (DANGBO_2FA_REQUIRED=0 turns it off).
DANGBO_2FA_REQUIRED = ENV.two_factor_required
OTP_TOTP_ISSUER = "Đảng bộ số"
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "dangbo.backoffice.security_middleware.SessionLifetimeMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("dangbo.backoffice.security_middleware.SessionLifetimeMiddleware") + 1,
    "dangbo.backoffice.security_middleware.SecondFactorMiddleware",
)
# Sessions: idle and absolute lifetimes (backoffice.security_middleware).
DANGBO_SESSION_IDLE_SECONDS = ENV.session_idle_minutes * 60
DANGBO_SESSION_MAX_SECONDS = ENV.session_max_hours * 3600
SESSION_COOKIE_AGE = DANGBO_SESSION_MAX_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# API tokens live this many days unless issued with --days (accounts.tokens).
DANGBO_API_TOKEN_DAYS = ENV.api_token_days
# Django's four validators; their messages come in Vietnamese with LANGUAGE_CODE "vi".
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "dangbo.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- prod: production defaults (docs/SECURITY.md, "Production defaults", "Deploying safely")
from dangbo.config import production as _production  # noqa: E402

globals().update(_production.security_settings(ENV))
CONTENT_SECURITY_POLICY = _production.content_security_policy()
STORAGES = _production.static_storages()
WHITENOISE_USE_FINDERS = not _production.uses_manifest()
