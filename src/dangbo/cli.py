"""The `dangbo` command line."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if "--portal-only" in sys.argv[1:]:
        # The public portal alone: no back-office app, no main database (settings_portal).
        os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.config.settings_portal"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.config.settings")
    _apply_database_option(sys.argv)
    import django

    django.setup()
    from dangbo.commands import app

    app(prog_name="dangbo")


def _apply_database_option(argv: list[str]) -> None:
    """`--database URL` must be known before Django reads its settings."""
    for i, arg in enumerate(argv):
        if arg == "--database" and i + 1 < len(argv):
            os.environ["DATABASE_URL"] = argv[i + 1]
        elif arg.startswith("--database="):
            os.environ["DATABASE_URL"] = arg.split("=", 1)[1]
    url = os.environ.get("DATABASE_URL", "")
    if not url or url.startswith("sqlite"):
        from dangbo.config.env import load

        (load().data_dir / "static").mkdir(parents=True, exist_ok=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
