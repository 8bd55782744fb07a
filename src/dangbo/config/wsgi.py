import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.config.settings")
application = get_wsgi_application()

from dangbo.config.production import ensure_secret_key  # noqa: E402

ensure_secret_key()  # no server without a real secret key when DEBUG is off
