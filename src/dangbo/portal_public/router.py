"""Send the published portal's models (and the captcha's) to the "portal" database."""

from __future__ import annotations

from typing import Any

PORTAL_APPS = frozenset({"portal_public", "captcha"})
PORTAL_DB = "portal"


class PortalRouter:
    def _db(self, model: Any) -> str:
        return PORTAL_DB if model._meta.app_label in PORTAL_APPS else "default"

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return self._db(model)

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return self._db(model)

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return self._db(obj1) == self._db(obj2)

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        if app_label in PORTAL_APPS:
            return db == PORTAL_DB
        return db != PORTAL_DB
