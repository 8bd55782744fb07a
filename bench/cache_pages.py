"""Time the home page and the indicators page, first view and second view (cached values).

    DATABASE_URL=postgres://... .venv/bin/python bench/cache_pages.py [--user admin] [--views 3]

Reads an existing database (e.g. the province data set) and writes nothing to it: the
session lives in a signed cookie, and everything runs in a transaction that is rolled back.
The cache is the local-memory cache of this process, empty at the start.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


class _Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", default="admin")
    parser.add_argument("--views", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.config.settings")
    os.environ["DANGBO_DEBUG"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import update_last_login
    from django.contrib.auth.signals import user_logged_in
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from dangbo.orgs.models import Organization

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    user = get_user_model().objects.get(username=args.user)
    root = Organization.objects.get_root_nodes().order_by("path").first()
    assert root is not None
    pages = {
        "trang chủ": reverse("backoffice:home"),
        f"chỉ tiêu ({root.code})": f"{reverse('backoffice:indicator_list')}?org={root.pk}",
    }
    try:
        with transaction.atomic():
            client = Client()
            client.force_login(user)
            for name, url in pages.items():
                for view in range(1, args.views + 1):
                    start = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - start
                    assert response.status_code == 200, response.status_code
                    print(f"{name:<28} lần xem {view}: {elapsed:7.3f} s")
            raise _Rollback
    except _Rollback:
        pass


if __name__ == "__main__":
    main()
