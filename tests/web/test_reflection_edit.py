"""The reflection journal: private to its author unless shared; only the client's practitioner writes one."""

from __future__ import annotations

import pytest
from django.utils import timezone

from alliance.records import builders
from alliance.records.models import Reflection
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, starts_at=timezone.now())


def url(contact) -> str:
    return f"/contacts/{contact.pk}/reflection/"


def test_the_journal_asks_the_reflective_questions_and_says_it_is_private(client, personas, contact):
    response = signed_in(client, personas.practitioner).get(url(contact))
    text = visible_text(response)
    assert response.status_code == 200
    assert "Did I listen fully?" in text and "Did I respond empathetically?" in text
    assert "This is your private journal." in text
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "contact")]


def test_writing_a_reflection_saves_it_privately_and_audits_the_creation(client, personas, contact):
    response = signed_in(client, personas.practitioner).post(url(contact), {"listened_fully": "Mostly."})
    assert response.status_code == 302
    reflection = Reflection.objects.get(contact=contact)
    assert (reflection.author, reflection.listened_fully, reflection.shared_with_supervisor) == (personas.practitioner, "Mostly.", False)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("create", "reflection")]


def test_writing_again_updates_the_same_reflection(client, personas, contact):
    builders.make_reflection(contact, listened_fully="Mostly.")
    signed_in(client, personas.practitioner).post(url(contact), {"listened_fully": "Yes.", "shared_with_supervisor": "on"})
    reflection = Reflection.objects.get(contact=contact)
    assert (reflection.listened_fully, reflection.shared_with_supervisor) == ("Yes.", True)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("update", "reflection")]


def test_the_supervisor_may_not_write_in_the_practitioners_journal(client, personas, contact):
    signed_in(client, personas.supervisor)
    assert client.get(url(contact)).status_code == 403
    assert client.post(url(contact), {"listened_fully": "Not mine to write."}).status_code == 403
    assert not Reflection.objects.exists()
    assert audit_trail(personas.supervisor) == [("denied", "contact"), ("denied", "contact")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_else_gets_not_found(client, personas, contact, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(contact)).status_code == 404
    assert client.post(url(contact), {"listened_fully": "Not mine to write."}).status_code == 404
    assert not Reflection.objects.exists()


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/contacts/{bad_id}/reflection/").status_code == 404
