"""Recording a contact: only the client's practitioner; bad input saves nothing."""

from __future__ import annotations

import pytest

from alliance.records.models import Contact
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def url(client_record) -> str:
    return f"/clients/{client_record.pk}/contacts/new/"


def valid(**overrides) -> dict:
    return {
        "starts_at": "2026-11-20T10:30", "duration_minutes": "50", "mode": "in_person",
        "attendance": "attended", "recording_consent": "yes", "note": "", **overrides,
    }


def test_the_form_offers_the_consent_question(client, personas):
    response = signed_in(client, personas.practitioner).get(url(personas.client))
    assert response.status_code == 200
    assert "Record a contact with Casey" in visible_text(response)
    assert "Consent to recording and transcript analysis" in visible_text(response)


def test_a_recorded_contact_belongs_to_the_client_and_practitioner_and_is_audited(client, personas):
    response = signed_in(client, personas.practitioner).post(url(personas.client), valid())
    contact = Contact.objects.get(client=personas.client)
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/"
    assert contact.practitioner == personas.practitioner
    assert (contact.duration_minutes, contact.recording_consent) == (50, "yes")
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("create", "contact")]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"starts_at": "yesterday-ish"}, "starts_at", "Enter a valid date/time."),
        ({"starts_at": ""}, "starts_at", "This field is required."),
        ({"duration_minutes": "0"}, "duration_minutes", "Please give a duration between 1 and 600 minutes."),
        ({"duration_minutes": "601"}, "duration_minutes", "Please give a duration between 1 and 600 minutes."),
        ({"attendance": "maybe"}, "attendance", "Select a valid choice."),
        ({"note": "x" * 2001}, "note", "Ensure this value has at most 2000 characters"),
    ],
)
def test_invalid_input_shows_a_field_error_and_saves_nothing(client, personas, overrides, field, message):
    response = signed_in(client, personas.practitioner).post(url(personas.client), valid(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert not Contact.objects.exists()
    assert audit_trail(personas.practitioner) == []


def test_the_supervisor_may_not_record_a_contact_for_someone_elses_client(client, personas):
    signed_in(client, personas.supervisor)
    assert client.get(url(personas.client)).status_code == 403
    assert client.post(url(personas.client), valid()).status_code == 403
    assert not Contact.objects.exists()
    assert audit_trail(personas.supervisor) == [("denied", "client"), ("denied", "client")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_else_gets_not_found_and_nothing_is_saved(client, personas, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(personas.client)).status_code == 404
    assert client.post(url(personas.client), valid()).status_code == 404
    assert not Contact.objects.exists()


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).post(f"/clients/{bad_id}/contacts/new/", valid()).status_code == 404
