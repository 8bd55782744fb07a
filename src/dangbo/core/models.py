"""Abstract models shared by the apps (no table of their own)."""

from __future__ import annotations

from django.db import models


class Versioned(models.Model):
    """A row edited by people: a version number for optimistic locking (see core.locking),
    with who last saved it and when, so a refused save can say who changed the record."""

    # Database defaults too: the demo builder and bulk loaders insert rows without them.
    version = models.PositiveIntegerField("phiên bản", default=1, db_default=1, editable=False)
    edited_at = models.DateTimeField("sửa lần cuối lúc", null=True, blank=True, editable=False)
    edited_by = models.CharField(
        "người sửa lần cuối", max_length=150, blank=True, default="", db_default="", editable=False
    )

    class Meta:
        abstract = True
