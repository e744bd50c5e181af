"""Data commands: import (sheets, dumps), export, attach, generate."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the data commands to the `marsad` CLI."""
