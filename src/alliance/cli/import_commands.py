"""``alliance import clients``: bring an agency's spreadsheet of clients into a practitioner's caseload."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from alliance.cli.common import console, err_console, friendly_errors
from alliance.errors import AllianceError

import_app = typer.Typer(help="Import records from CSV files (all or nothing, every row checked first).", no_args_is_help=True)


@import_app.command("clients")
def clients(
    file: Path = typer.Argument(..., help="The CSV file: a header line (name, email, phone, …), then one line per client."),
    practitioner: str = typer.Option(..., "--practitioner", help="Username of the practitioner whose caseload receives the clients."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row and report; save nothing."),
) -> None:
    """Import clients into one practitioner's caseload. Nothing is saved unless every row is fine."""
    with friendly_errors():
        from alliance.web import bootstrap

        bootstrap.setup_django()
        bootstrap.check_database()
        from alliance.records.client_import import import_clients
        from alliance.records.models import User

        # The exact username; a different capitalisation only when it names one person.
        people = User.objects.filter(is_active=True).select_related("team")
        person = people.filter(username=practitioner).first()
        if person is None:
            matches = list(people.filter(username__iexact=practitioner)[:2])
            person = matches[0] if len(matches) == 1 else None
        if person is None:
            raise AllianceError("I041", username=practitioner)
        with console.status("Checking the file…") as status:
            report = import_clients(
                file, person, dry_run=dry_run, source_name=file.name,
                progress=lambda done, total: status.update(f"Checking row {done:,} of {total:,}…"),
            )
    if report.ok:
        console.print(report.summary, highlight=False, markup=False, soft_wrap=True)
        return
    for message in report.problem_messages():
        err_console.print(message, highlight=False, soft_wrap=True, markup=False)
    err_console.print(f"[bold red]{escape(report.summary)}[/]", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
