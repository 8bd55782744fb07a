from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the Excel import/export subcommands to `dangbo`."""
