"""``alliance client export|erase``: a client's whole record as one archive, and erasure with a tombstone."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from alliance.cli.actor import BY_HELP, cli_actor, cli_via
from alliance.cli.common import console, err_console, friendly_errors
from alliance.errors import AllianceError

client_app = typer.Typer(help="A client's data rights: export everything held about them, or erase it.", no_args_is_help=True)


def _django() -> None:
    from alliance.web import bootstrap

    bootstrap.setup_django()
    bootstrap.check_database()


@client_app.command("export")
def export(
    client_id: str = typer.Argument(..., metavar="ID", help="The client's id (UUID), as in /clients/<id>/."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the zip (default: client-<id>.zip here)."),
    by: Optional[str] = typer.Option(None, "--by", metavar="USERNAME", help=BY_HELP),
) -> None:
    """Everything held about one client as a zip: client.json, checkins.csv and fhir.json (subject access)."""
    with friendly_errors():
        _django()
        from alliance.records.client_data import client_archive
        from alliance.records.exports import find_client

        client = find_client(client_id)
        archive = client_archive(client, actor=cli_actor(by), via=cli_via())
        path = out or Path(archive.filename)
        try:
            path.write_bytes(archive.content)
        except OSError as exc:
            raise AllianceError("K003", path=str(path), detail=exc.strerror or type(exc).__name__) from None
        console.print(f"Wrote everything held about client {client.pk} to {path} ({len(archive.content):,} bytes).", highlight=False)


@client_app.command("erase")
def erase(
    client_id: str = typer.Argument(..., metavar="ID", help="The client's id (UUID), as in /clients/<id>/."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask; for scripts that have confirmed already."),
    by: Optional[str] = typer.Option(None, "--by", metavar="USERNAME", help=BY_HELP),
) -> None:
    """Permanently remove a client and everything held about them; the audit trail keeps a tombstone."""
    with friendly_errors():
        _django()
        from alliance.records.client_data import erase_client, held_counts
        from alliance.records.exports import find_client

        client = find_client(client_id)
        actor = cli_actor(by)
        counts = held_counts(client)
        err_console.print(f"This permanently removes client {client.pk} and everything held about them:", highlight=False)
        for name, count in counts.items():
            err_console.print(f"  {name}: {count}", highlight=False)
        err_console.print("It cannot be undone. Export the record first if the agency must keep it (docs/privacy.md).")
        if not yes:
            typed = typer.prompt("Type the client's id again to confirm", err=True, default="", show_default=False)
            if typed.strip().lower() != str(client.pk):
                raise AllianceError("R002")
        erased = erase_client(client, actor=actor, via=cli_via())
        console.print(f"Erased client {erased.client_id}: {sum(erased.counts.values())} records removed; the audit trail keeps a tombstone.", highlight=False)
