"""The ``alliance`` command. Each feature registers a Typer sub-app or commands from its own module."""

from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="alliance",
    help="Alliance: relationship-based practice, made visible.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules that add commands to ``app`` when imported (each defines ``register(app)``).
COMMAND_MODULES = (
    "alliance.cli.web_commands",
    "alliance.cli.analyze_commands",
    "alliance.cli.coding_commands",
    "alliance.cli.measures_commands",
    "alliance.cli.export_commands",
    "alliance.cli.worker_commands",
    "alliance.cli.batch_commands",
    "alliance.cli.import_commands",
    "alliance.cli.client_commands",
    "alliance.cli.practice_commands",
)


@app.callback()
def _root() -> None:
    """Alliance: relationship-based practice, made visible."""


@app.command()
def version() -> None:
    """Print Alliance's version."""
    from alliance import __version__

    typer.echo(__version__)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # feature not built yet
            raise
        module.register(app)


_register_all()


def main() -> None:
    app(prog_name="alliance")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
