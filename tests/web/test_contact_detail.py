"""A contact's page: details for the practitioner and supervisor; reflections only for those they are meant for."""

from __future__ import annotations

import pytest
from django.utils import timezone

from alliance.records import builders
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, starts_at=timezone.now(), note="Talked about the week.")


def url(contact) -> str:
    return f"/contacts/{contact.pk}/"


def test_the_practitioner_sees_the_details_and_may_edit_and_reflect(client, personas, contact):
    response = signed_in(client, personas.practitioner).get(url(contact))
    text = visible_text(response)
    assert response.status_code == 200
    assert "Talked about the week." in text
    assert "Edit contact" in text and "Write a reflection" in text
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "contact")]


def test_the_practitioner_is_offered_to_continue_a_reflection_already_started(client, personas, contact):
    builders.make_reflection(contact, listened_fully="Mostly.")
    assert "Continue my reflection" in visible_text(signed_in(client, personas.practitioner).get(url(contact)))


def test_the_supervisor_reads_the_contact_but_not_a_private_reflection(client, personas, contact):
    builders.make_reflection(contact, listened_fully="A private thought.")
    response = signed_in(client, personas.supervisor).get(url(contact))
    text = visible_text(response)
    assert response.status_code == 200
    assert "Talked about the week." in text
    assert "A private thought." not in text
    assert "Edit contact" not in text and "Write a reflection" not in text
    assert audit_trail(personas.supervisor, client_id=personas.client.pk) == [("view", "contact")]


def test_the_supervisor_reads_a_reflection_shared_with_them(client, personas, contact):
    builders.make_reflection(contact, listened_fully="Shared thought.", shared_with_supervisor=True)
    assert "Shared thought." in visible_text(signed_in(client, personas.supervisor).get(url(contact)))


@pytest.mark.parametrize("who", ["teammate", "stranger", "admin"])
def test_anyone_else_gets_not_found_and_the_refusal_is_audited(client, personas, contact, who):
    person = getattr(personas, who)
    response = signed_in(client, person).get(url(contact))
    assert response.status_code == 404
    assert "Talked about the week." not in visible_text(response)
    assert audit_trail(person) == [("denied", "contact")]


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/contacts/{bad_id}/").status_code == 404
