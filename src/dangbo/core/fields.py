from __future__ import annotations

from typing import Any

from django.db import models


class PathField(models.CharField):
    """A materialized path, compared byte-wise.

    On PostgreSQL the column uses COLLATE "C" so that ordering and prefix
    matches do not follow the Vietnamese locale (the Wagtail lesson).
    """

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
