"""Editing a contact: only the client's practitioner; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from alliance.records import builders
from alliance.records.models import Contact
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, starts_at=timezone.now(), duration_minutes=50)


def url(contact) -> str:
    return f"/contacts/{contact.pk}/edit/"


def valid(**overrides) -> dict:
    return {"starts_at": "2026-11-20T10:30", "duration_minutes": "45", "mode": "phone", "attendance": "missed",
            "recording_consent": "no", "note": "", **overrides}


def test_the_practitioner_sees_the_form_and_the_view_is_audited(client, personas, contact):
    response = signed_in(client, personas.practitioner).get(url(contact))
    assert response.status_code == 200
    assert "Edit contact" in visible_text(response)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "contact")]


def test_saving_changes_the_contact_and_writes_an_update_entry(client, personas, contact):
    response = signed_in(client, personas.practitioner).post(url(contact), valid())
    assert response.status_code == 302
    saved = Contact.objects.get(pk=contact.pk)
    assert (saved.duration_minutes, saved.mode, saved.attendance) == (45, "phone", "missed")
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("update", "contact")]


def test_an_impossible_duration_is_a_field_error_and_nothing_changes(client, personas, contact):
    response = signed_in(client, personas.practitioner).post(url(contact), valid(duration_minutes="1000"))
    assert response.status_code == 200
    assert response.context["form"].errors["duration_minutes"] == ["Please give a duration between 1 and 600 minutes."]
    saved = Contact.objects.get(pk=contact.pk)
    assert (saved.duration_minutes, saved.mode) == (50, "in_person")
    assert audit_trail(personas.practitioner) == []


def test_the_supervisor_may_not_change_it(client, personas, contact):
    signed_in(client, personas.supervisor)
    assert client.get(url(contact)).status_code == 403
    assert client.post(url(contact), valid()).status_code == 403
    assert Contact.objects.get(pk=contact.pk).duration_minutes == 50
    assert audit_trail(personas.supervisor) == [("denied", "contact"), ("denied", "contact")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_else_gets_not_found(client, personas, contact, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(contact)).status_code == 404
    assert client.post(url(contact), valid()).status_code == 404
    assert Contact.objects.get(pk=contact.pk).duration_minutes == 50


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/contacts/{bad_id}/edit/").status_code == 404
