"""`alliance client export ID` and `alliance client erase ID`: a client's whole record, and erasure with a tombstone."""

from __future__ import annotations

import csv
import getpass
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from alliance.cli.main import app
from alliance.records import audit, builders, checkin_service
from alliance.records.models import (
    Alert,
    AuditEntry,
    CheckinAnswer,
    CheckinLink,
    CheckinResponse,
    Client,
    Contact,
    ConversationAnalysis,
    Goal,
    GoalRating,
    Job,
    Reflection,
)
from tests.web.checkin_helpers import new_link

VIA = f"cli:{getpass.getuser()}"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        result = runner.invoke(app, ["client", *map(str, args)], input=input)
        result.out = " ".join(result.stdout.split())
        result.err = " ".join(result.stderr.split())
        return result

    return invoke


@pytest.fixture
def full_record(personas):
    """Casey's record with something in every part: profile, contact, reflection, goal, check-ins, alert, analysis."""
    client = personas.client
    now = timezone.now()
    contact = Contact.objects.create(client=client, practitioner=personas.practitioner, starts_at=now - timedelta(days=3), note="Talked about the move")
    Reflection.objects.create(contact=contact, author=personas.practitioner, listened_fully="Mostly")
    goal = Goal.objects.create(client=client, text="Sleep through the night")
    GoalRating.objects.create(goal=goal, rated_on=now.date(), level=0)
    from alliance.records.models import CulturalProfile

    CulturalProfile.objects.create(client=client, what_matters="My grandmother")
    link, _ = new_link(personas, ("phq-9",), now=now - timedelta(days=1, hours=1))
    checkin_service.submit(link.pk, {"phq-9": [1, 1, 1, 1, 0, 0, 0, 0, 0]}, now=now - timedelta(days=1))
    Alert.objects.get_or_create(client=client, kind="test", key="k", defaults={"message": "m"})
    analysis = ConversationAnalysis.objects.create(contact=contact, status="queued", source_text="Casey: hello")
    Job.objects.create(kind="analyze_transcript", payload={"analysis_id": str(analysis.pk)})
    builders.make_client(personas.practitioner, "Dana Untouched")
    audit.record(personas.supervisor, "view", client, client_id=client.pk)
    return personas


def read_zip(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_export_writes_one_zip_with_json_csv_and_fhir_of_everything_held(run, full_record, tmp_path):
    out = tmp_path / "casey.zip"
    result = run("export", full_record.client.pk, "--out", out, "--by", "pat")
    assert result.exit_code == 0, result.output
    assert f"Wrote everything held about client {full_record.client.pk} to" in result.out
    files = read_zip(out)
    assert sorted(files) == ["README.txt", "checkins.csv", "client.json", "fhir.json"]
    data = json.loads(files["client.json"])
    assert data["format"] == "alliance.client-archive.v1" and data["client_id"] == str(full_record.client.pk)
    tables = data["records"]
    for table in ("records.client", "records.culturalprofile", "records.contact", "records.reflection", "records.goal",
                  "records.goalrating", "records.checkinlink", "records.checkinresponse", "records.checkinanswer",
                  "records.alert", "records.conversationanalysis"):
        assert tables.get(table), table
    assert tables["records.client"][0]["name"] == "Casey Client"
    assert tables["records.contact"][0]["note"] == "Talked about the move"
    assert "token_hash" not in tables["records.checkinlink"][0]
    assert "Dana Untouched" not in files["client.json"]
    assert [(e["who"], e["action"], e["via"]) for e in data["access_log"]] == [("sue", "view", "web")]
    rows = list(csv.DictReader(io.StringIO(files["checkins.csv"])))
    assert [r["instrument_id"] for r in rows] == ["phq-9"]
    assert json.loads(files["fhir.json"])["resourceType"] == "Bundle"


def test_export_is_audited_with_the_account_and_the_system_login(run, full_record, tmp_path):
    run("export", full_record.client.pk, "--out", tmp_path / "a.zip", "--by", "pat")
    entry = AuditEntry.objects.get(action="export")
    assert (entry.actor, entry.client_id, entry.via, entry.record_type) == (full_record.practitioner, full_record.client.pk, VIA, "client")


def test_export_names_the_file_by_id_only(run, full_record, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("export", full_record.client.pk).exit_code == 0
    assert (tmp_path / f"client-{full_record.client.pk}.zip").exists()


def test_an_unknown_by_account_is_one_sentence_and_nothing_is_exported(run, full_record, tmp_path):
    result = run("export", full_record.client.pk, "--out", tmp_path / "a.zip", "--by", "nobody")
    assert result.exit_code == 1
    assert result.err == "Error: There is no active Alliance user called 'nobody'. --by takes the username of the person responsible."
    assert not (tmp_path / "a.zip").exists() and not AuditEntry.objects.filter(action="export").exists()


def test_a_bad_id_is_one_sentence(run, personas):
    result = run("export", "not-an-id")
    assert result.exit_code == 1
    assert result.err.startswith("Error: 'not-an-id' is not a client id")


def test_erase_asks_for_the_id_and_removes_everything_but_the_tombstone(run, full_record, tmp_path):
    client = full_record.client
    assert run("export", client.pk, "--out", tmp_path / "kept.zip").exit_code == 0
    result = run("erase", client.pk, "--by", "pat", input=f"{client.pk}\n")
    assert result.exit_code == 0, result.output
    assert "This permanently removes client" in result.err and "contacts: 1" in result.err
    assert f"Erased client {client.pk}:" in result.out
    assert not Client.objects.filter(pk=client.pk).exists()
    for model in (Contact, Reflection, Goal, GoalRating, CheckinLink, CheckinResponse, CheckinAnswer, Alert, ConversationAnalysis):
        assert not model.objects.filter().exclude(pk__in=[]).filter(**_of_client(model, client.pk)).exists(), model
    assert Client.objects.filter(name="Dana Untouched").exists()
    tomb = AuditEntry.objects.get(record_type="client.erased")
    assert (tomb.action, tomb.record_id, tomb.client_id, tomb.actor, tomb.via) == ("delete", str(client.pk), client.pk, full_record.practitioner, VIA)
    assert AuditEntry.objects.filter(client_id=client.pk).count() > 1  # earlier entries (ids only) are kept
    assert Job.objects.get(kind="analyze_transcript").status == "done"


def _of_client(model, pk):
    paths = {Contact: "client_id", Goal: "client_id", CheckinLink: "client_id", CheckinResponse: "client_id", Alert: "client_id",
             Reflection: "contact__client_id", GoalRating: "goal__client_id", CheckinAnswer: "response__client_id",
             ConversationAnalysis: "contact__client_id"}
    return {paths[model]: pk}


def test_erase_with_a_different_id_typed_erases_nothing(run, full_record):
    result = run("erase", full_record.client.pk, input="something-else\n")
    assert result.exit_code == 1
    assert result.err.endswith("Error: The id you typed does not match, so nothing was erased.")
    assert Client.objects.filter(pk=full_record.client.pk).exists()
    assert not AuditEntry.objects.filter(record_type="client.erased").exists()


def test_erase_with_yes_does_not_ask(run, full_record):
    result = run("erase", full_record.client.pk, "--yes")
    assert result.exit_code == 0, result.output
    assert not Client.objects.filter(pk=full_record.client.pk).exists()
