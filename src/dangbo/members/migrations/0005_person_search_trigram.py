"""A trigram index for the diacritics-free name search, on PostgreSQL only."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS members_person_search_trgm "
        "ON members_person USING gin (search_name gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS members_person_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("members", "0004_party_age_from")]

    operations = [migrations.RunPython(forwards, backwards)]
