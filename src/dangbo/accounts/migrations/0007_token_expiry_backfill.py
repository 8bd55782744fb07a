"""Tokens issued before tokens expired get the default lifetime from their issue day, so
no token stays valid for ever (docs/SECURITY.md, "API tokens")."""

import datetime as dt

from django.conf import settings
from django.db import migrations


def backfill(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    days = getattr(settings, "DANGBO_API_TOKEN_DAYS", 90)
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=token.created_at + dt.timedelta(days=days)
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_security_dates_tokens")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
