"""The `dangbo` command line."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.config.settings")
    import django

    django.setup()
    from dangbo.commands import app

    app(prog_name="dangbo")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
