"""`alliance import clients FILE --practitioner USERNAME [--dry-run]`: a summary, or every problem and exit 1 with nothing saved."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from alliance.cli.main import app
from alliance.records.models import AuditEntry, Client


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        result = runner.invoke(app, ["import", "clients", *args])
        result.out = " ".join(result.stdout.split())
        result.err = " ".join(result.stderr.split())
        return result

    return invoke


@pytest.fixture
def caseload_csv(tmp_path):
    path = tmp_path / "caseload.csv"
    path.write_text("name,email,opened_on\nWen Example,wen@example.org,2025-04-01\nXia Example,,2025-04-02\n", encoding="utf-8")
    return path


def test_importing_a_valid_file_says_how_many_clients_went_into_whose_caseload(run, personas, caseload_csv):
    result = run(str(caseload_csv), "--practitioner", "pat")
    assert result.exit_code == 0, result.output
    assert result.out == "Imported 2 clients into Pat Practitioner's caseload."
    assert set(Client.objects.filter(name__endswith=" Example").values_list("practitioner__username", flat=True)) == {"pat"}
    assert AuditEntry.objects.filter(action="create", via="import", actor=personas.practitioner).count() == 2


def test_a_dry_run_reports_and_saves_nothing(run, personas, caseload_csv):
    result = run(str(caseload_csv), "--practitioner", "PAT", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.out == "Checked 2 clients: all can be imported into Pat Practitioner's caseload. Nothing was saved (check only)."
    assert not Client.objects.filter(name__endswith=" Example").exists()


def test_problems_are_listed_one_per_line_with_exit_status_1_and_nothing_saved(run, personas, tmp_path):
    path = tmp_path / "caseload.csv"
    path.write_text("name,email,opened_on\nYan Example,yan@example.org,2025-04-01\nZoe Example,zoe,01/04/2025\n", encoding="utf-8")
    result = run(str(path), "--practitioner", "pat")
    assert result.exit_code == 1
    shown = [line for line in result.stderr.splitlines() if line.startswith("caseload.csv")]  # not the log's lines
    assert shown == [
        "caseload.csv, line 3, column email: 'zoe' is not an email address; please check it (for example sam@example.org).",
        "caseload.csv, line 3, column opened_on: '01/04/2025' is not a date; please write it as YYYY-MM-DD (for example 2025-02-28).",
    ]
    assert result.err.endswith("Nothing was imported: 2 problems in caseload.csv.")
    assert "Traceback" not in result.output
    assert not Client.objects.filter(name__endswith=" Example").exists()
    assert not AuditEntry.objects.filter(via="import").exists()


def test_an_unknown_username_or_a_supervisor_is_one_sentence_and_exit_status_1(run, personas, caseload_csv):
    unknown = run(str(caseload_csv), "--practitioner", "nobody")
    assert (unknown.exit_code, unknown.err) == (1, "Error: There is no active user called 'nobody'. Please check the username (the one they sign in with).")
    supervisor = run(str(caseload_csv), "--practitioner", "sue")
    assert (supervisor.exit_code, supervisor.err) == (1, "Error: Only practitioners on a team can import clients into their caseload.")
    assert not Client.objects.filter(name__endswith=" Example").exists()


def test_a_missing_file_is_one_sentence(run, personas, tmp_path):
    result = run(str(tmp_path / "absent.csv"), "--practitioner", "pat")
    assert (result.exit_code, result.err) == (1, f"Error: {tmp_path / 'absent.csv'}: no such file.")
