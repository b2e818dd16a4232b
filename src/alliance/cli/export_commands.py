"""``alliance export``: check-in answers as FHIR R4 or CSV, for other systems and analysts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from alliance.cli.actor import BY_HELP, cli_actor, cli_via
from alliance.cli.common import console, friendly_errors
from alliance.errors import AllianceError

export_app = typer.Typer(help="Export check-in answers (FHIR R4 Bundle or CSV).", no_args_is_help=True)


def _django() -> None:
    from alliance.web import bootstrap

    bootstrap.setup_django()
    bootstrap.check_database()


def _write(text: str, out: Optional[Path], what: str) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AllianceError("K003", path=str(out), detail=exc.strerror or type(exc).__name__) from None
    console.print(f"Wrote {what} to {out}", highlight=False)


@export_app.command("fhir")
def fhir(
    client: str = typer.Option(..., "--client", help="The client's id (UUID), as in /clients/<id>/."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write to this file instead of standard output."),
    by: Optional[str] = typer.Option(None, "--by", metavar="USERNAME", help=BY_HELP),
) -> None:
    """A FHIR R4 Bundle of QuestionnaireResponse + Observation (LOINC-coded totals) for one client."""
    with friendly_errors():
        _django()
        from alliance.records.exports import fhir_export

        bundle = fhir_export(client, actor=cli_actor(by), via=cli_via())
        _write(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", out, f"{len(bundle['entry'])} FHIR resources")


@export_app.command("csv")
def csv(
    client: Optional[str] = typer.Option(None, "--client", help="Only this client (UUID); every client when left out."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write to this file instead of standard output."),
    by: Optional[str] = typer.Option(None, "--by", metavar="USERNAME", help=BY_HELP),
) -> None:
    """One row per answered instrument, with a pseudonymous client id, total, band and each answer."""
    with friendly_errors():
        _django()
        from alliance.records.exports import csv_export

        text = csv_export(client, actor=cli_actor(by), via=cli_via())
        _write(text, out, f"{max(0, text.count(chr(10)) - 1)} check-in rows")
