"""Helpers shared by CLI commands: turn our errors into one sentence and exit 1."""

from __future__ import annotations

import contextlib

import typer
from rich.console import Console

from alliance.errors import AllianceError

console = Console()
err_console = Console(stderr=True)


@contextlib.contextmanager
def friendly_errors():
    """Show an AllianceError as one plain sentence on stderr and exit 1, no traceback."""
    try:
        yield
    except AllianceError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
