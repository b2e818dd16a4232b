"""`alliance export` says who exported: the Alliance account given with --by and the system login."""

from __future__ import annotations

import getpass

from typer.testing import CliRunner

from alliance.cli.main import app
from alliance.records.models import AuditEntry


def test_fhir_export_with_by_records_the_account_and_the_login(personas):
    result = CliRunner().invoke(app, ["export", "fhir", "--client", str(personas.client.pk), "--by", "sue"])
    assert result.exit_code == 0, result.output
    entry = AuditEntry.objects.get(action="export")
    assert (entry.actor, entry.via, entry.client_id) == (personas.supervisor, f"cli:{getpass.getuser()}", personas.client.pk)


def test_csv_export_with_an_unknown_account_exports_nothing(personas):
    result = CliRunner().invoke(app, ["export", "csv", "--by", "nobody"])
    assert result.exit_code == 1
    assert "There is no active Alliance user called 'nobody'." in " ".join(result.stderr.split())
    assert result.stdout == "" and not AuditEntry.objects.exists()
