"""Exports in the web app: a client's check-ins as CSV and FHIR R4, a session's codes as AnnoMI-like CSV. Every one audited."""

from __future__ import annotations

import csv
import io
import json

import pytest

from alliance.records import builders
from tests.web.exports_fixtures import checkins, finished_analysis
from tests.web.helpers import BAD_IDS, audit_trail, signed_in


def checkins_csv(client_id) -> str:
    return f"/clients/{client_id}/export/checkins.csv"


def checkins_fhir(client_id) -> str:
    return f"/clients/{client_id}/export/checkins.fhir.json"


def codes_csv(analysis_id) -> str:
    return f"/conversations/{analysis_id}/codes.csv"


def test_the_practitioner_downloads_the_clients_check_ins_as_csv_and_the_export_is_audited(client, personas):
    checkins(personas.client)
    response = signed_in(client, personas.practitioner).get(checkins_csv(personas.client.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="checkins-{personas.client.pk}.csv"'
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["instrument_id"] for r in rows] == ["relationship-checkin", "relationship-checkin"]
    assert {r["client_ref"] for r in rows} == {str(personas.client.pk)}  # a pseudonymous id, never the name
    assert "Casey" not in response.content.decode()
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("export", "client")]


def test_the_check_ins_as_fhir_are_a_collection_bundle_of_questionnaire_responses(client, personas):
    checkins(personas.client)
    response = signed_in(client, personas.supervisor).get(checkins_fhir(personas.client.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = json.loads(response.content)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert "QuestionnaireResponse" in kinds
    assert audit_trail(personas.supervisor, client_id=personas.client.pk) == [("export", "client")]


def test_a_sessions_codes_come_as_annomi_like_csv_safe_for_spreadsheets(client, personas):
    analysis = finished_analysis(builders.make_contact(personas.client))
    response = signed_in(client, personas.practitioner).get(codes_csv(analysis.pk))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["interlocutor"] for r in rows] == ["therapist", "client", "therapist", "therapist"]
    first, said, reflection, advice = rows
    assert (first["main_therapist_behaviour"], first["question_exists"], first["question_subtype"]) == ("question", "True", "open")
    assert (first["client_talk_type"], first["timestamp"], first["transcript_id"]) == ("n/a", "00:00:02", str(analysis.pk))
    assert (said["client_talk_type"], said["main_therapist_behaviour"]) == ("change", "n/a")
    assert said["utterance_text"].startswith("'=SUM")  # never run as a formula
    assert (reflection["reflection_subtype"], reflection["timestamp"]) == ("complex", "01:02:05")
    assert (advice["therapist_input_subtype"], advice["advice_without_permission"]) == ("advice", "True")
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("export", "conversationanalysis")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_who_may_not_read_the_record_gets_not_found_and_the_refusal_is_audited(client, personas, who):
    analysis = finished_analysis(builders.make_contact(personas.client))
    person = getattr(personas, who)
    signed_in(client, person)
    for url in (checkins_csv(personas.client.pk), checkins_fhir(personas.client.pk), codes_csv(analysis.pk)):
        assert client.get(url).status_code == 404, url
    assert {action for action, _ in audit_trail(person)} == {"denied"}


def test_the_administrator_cannot_export_client_records(client, personas):
    signed_in(client, personas.admin)
    assert client.get(checkins_csv(personas.client.pk)).status_code in (403, 404)
    assert not [a for a, _ in audit_trail(personas.admin) if a == "export"]


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    signed_in(client, personas.practitioner)
    for url in (checkins_csv(bad_id), checkins_fhir(bad_id), codes_csv(bad_id)):
        assert client.get(url).status_code == 404, url


def test_an_analysis_still_running_has_no_codes_to_export(client, personas):
    analysis = finished_analysis(builders.make_contact(personas.client))
    analysis.status = "running"
    analysis.save(update_fields=["status"])
    assert signed_in(client, personas.practitioner).get(codes_csv(analysis.pk)).status_code == 404


def test_someone_not_signed_in_is_sent_to_the_login_page(client, personas):
    assert client.get(checkins_csv(personas.client.pk)).status_code == 302


def test_the_client_page_and_the_contact_page_link_to_the_exports(client, personas):
    contact = builders.make_contact(personas.client)
    analysis = finished_analysis(contact)
    signed_in(client, personas.practitioner)
    page = client.get(f"/clients/{personas.client.pk}/").content.decode()
    assert checkins_csv(personas.client.pk) in page and checkins_fhir(personas.client.pk) in page
    assert f"/clients/{personas.client.pk}/summary.pdf" in page
    contact_page = client.get(f"/contacts/{contact.pk}/").content.decode()
    assert codes_csv(analysis.pk) in contact_page and f"/conversations/{analysis.pk}/analysis.pdf" in contact_page
