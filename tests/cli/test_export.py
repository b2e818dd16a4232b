"""`alliance export fhir|csv`: FHIR R4 validated with fhir.resources (R4B models), CSV for analysts, audited."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from alliance.cli.actor import cli_via
from alliance.cli.main import app
from alliance.records import checkin_service
from alliance.records.models import AuditEntry
from tests.web.checkin_helpers import new_link


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["export", *args])


@pytest.fixture
def answered(personas):
    now = timezone.now()
    for days, phq, relationship in ((30, [2, 2, 2, 2, 2, 1, 1, 0, 0], [4, 4, 4, 4, 4]), (1, [1, 1, 1, 1, 0, 0, 0, 0, 0], [4, 3, 4, 4, 4])):
        link, _ = new_link(personas, ("phq-9", "relationship-checkin"), now=now - timedelta(days=days, hours=1))
        checkin_service.submit(link.pk, {"phq-9": phq, "relationship-checkin": relationship}, now=now - timedelta(days=days))
    return personas


def test_fhir_gives_a_valid_r4_bundle_of_questionnaire_responses_and_loinc_coded_totals(run, answered):
    result = run("fhir", "--client", str(answered.client.pk))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    bundle = Bundle.model_validate(data)
    kinds = [e.resource.__resource_type__ for e in bundle.entry]
    assert kinds.count("QuestionnaireResponse") == 4 and kinds.count("Observation") == 4
    totals = [e.resource for e in bundle.entry if e.resource.__resource_type__ == "Observation" and e.resource.code.coding]
    assert {(o.code.coding[0].system, o.code.coding[0].code) for o in totals} == {("http://loinc.org", "44261-6")}
    assert sorted(o.valueQuantity.value for o in totals) == [4, 12]
    assert str(answered.client.pk) in data["entry"][0]["resource"]["subject"]["reference"]
    assert "Casey" not in result.stdout


def test_fhir_to_a_file_says_where_it_wrote_and_audits_the_export(run, answered, tmp_path):
    out = tmp_path / "casey.json"
    result = run("fhir", "--client", str(answered.client.pk), "--out", str(out))
    assert result.exit_code == 0
    assert f"Wrote 8 FHIR resources to {out}" in result.stdout.replace("\n", "")
    Bundle.model_validate_json(out.read_text())
    entry = AuditEntry.objects.get(action="export")
    assert (entry.via, entry.client_id, entry.actor) == (cli_via(), answered.client.pk, None)


def test_csv_gives_one_row_per_answered_instrument_with_each_answer(run, answered):
    result = run("csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4
    phq = [r for r in rows if r["instrument_id"] == "phq-9"]
    assert [r["total"] for r in phq] == ["12", "4"] and phq[0]["item_1"] == "2"
    assert {r["client_ref"] for r in rows} == {str(answered.client.pk)}
    assert AuditEntry.objects.filter(action="export", via=cli_via(), client_id=answered.client.pk).count() == 1


def test_csv_for_one_client_leaves_the_others_out(run, answered):
    link, _ = new_link(answered)
    link.client = answered.other_client
    link.save()
    checkin_service.submit(link.pk, {"relationship-checkin": [4, 4, 4, 4, 4]})
    rows = list(csv.DictReader(io.StringIO(run("csv", "--client", str(answered.client.pk)).stdout)))
    assert {r["client_ref"] for r in rows} == {str(answered.client.pk)}


def test_an_unknown_client_is_one_sentence_and_exit_1(run, personas):
    missing = "6f1c2a52-3c4e-4d0f-9a55-0b6d3f1b9a10"
    result = run("fhir", "--client", missing)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: There is no client with id '{missing}'. Copy the id from the address of the client's page (/clients/<id>/)."
    )


def test_a_malformed_client_id_is_one_sentence_and_exit_1(run, personas):
    result = run("csv", "--client", "casey")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: 'casey' is not a client id (expected a UUID such as 6f1c2a52-3c4e-4d0f-9a55-0b6d3f1b9a10)."
    )


def test_an_unwritable_file_is_one_sentence_and_exit_1(run, answered, tmp_path):
    out = tmp_path / "no-such-folder" / "x.csv"
    result = run("csv", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == f"Error: {out}: the export could not be written (No such file or directory)."
