"""The ``alliance`` command: every command is a module-level function in its feature's module, added here."""

from __future__ import annotations

import sys

import typer

from alliance.cli import (
    analyze_commands,
    batch_commands,
    client_commands,
    coding_commands,
    export_commands,
    import_commands,
    measures_commands,
    practice_commands,
    web_commands,
    worker_commands,
)
from alliance.cli.help import Group

app = typer.Typer(
    name="alliance",
    cls=Group,
    help="Alliance: relationship-based practice, made visible.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Alliance: relationship-based practice, made visible."""


@app.command()
def version() -> None:
    """Print Alliance's version."""
    from alliance import __version__

    typer.echo(__version__)


app.command("demo")(web_commands.demo)
app.command("serve")(web_commands.serve)
app.command("migrate")(web_commands.migrate_command)
app.command("createuser")(web_commands.createuser)
app.command("analyze")(analyze_commands.analyze_command)
app.command("train")(coding_commands.train_command)
app.command("evaluate")(coding_commands.evaluate_command)
app.add_typer(measures_commands.measures_app, name="measures")
app.add_typer(export_commands.export_app, name="export")
app.command("worker")(worker_commands.worker)
app.command("batch")(batch_commands.batch)
app.add_typer(import_commands.import_app, name="import")
app.add_typer(client_commands.client_app, name="client")
app.command("practice")(practice_commands.practice)


def main() -> None:
    app(prog_name="alliance")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
