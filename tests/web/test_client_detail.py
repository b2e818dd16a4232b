"""The client page: the owner reads and changes it, the supervisor reads it, nobody else learns it exists."""

from __future__ import annotations

import pytest
from django.utils import timezone

from alliance.records import builders
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def url(client_record) -> str:
    return f"/clients/{client_record.pk}/"


def test_the_practitioner_sees_the_record_with_goals_contacts_and_the_actions_to_change_it(client, personas):
    builders.make_goal(personas.client, "Sleep through the night")
    builders.make_contact(personas.client, starts_at=timezone.now())
    response = signed_in(client, personas.practitioner).get(url(personas.client))
    text = visible_text(response)
    assert response.status_code == 200
    assert "<h1>Casey" in text
    assert "Sleep through the night" in text
    assert "Record a contact" in text and "Edit details" in text and "Access history" in text


def test_viewing_the_record_writes_a_view_entry_to_the_audit_trail(client, personas):
    signed_in(client, personas.practitioner).get(url(personas.client))
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "client")]


def test_the_supervisor_reads_the_record_but_is_offered_no_changes(client, personas):
    response = signed_in(client, personas.supervisor).get(url(personas.client))
    text = visible_text(response)
    assert response.status_code == 200
    assert "Casey Client" in text
    assert "Record a contact" not in text and "Edit details" not in text
    assert "Access history" in text
    assert audit_trail(personas.supervisor, client_id=personas.client.pk) == [("view", "client")]


@pytest.mark.parametrize("who", ["teammate", "stranger", "admin"])
def test_anyone_else_gets_not_found_and_the_refusal_is_audited(client, personas, who):
    person = getattr(personas, who)
    response = signed_in(client, person).get(url(personas.client))
    assert response.status_code == 404
    assert "Casey" not in visible_text(response)
    assert audit_trail(person, client_id=personas.client.pk) == [("denied", "client")]


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/clients/{bad_id}/").status_code == 404


def test_someone_not_signed_in_is_sent_to_the_login_page(client, personas):
    response = client.get(url(personas.client))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_private_reflection_is_marked_written_for_its_author_only(client, personas):
    contact = builders.make_contact(personas.client, starts_at=timezone.now())
    builders.make_reflection(contact, listened_fully="Mostly.")
    assert "Written" in visible_text(signed_in(client, personas.practitioner).get(url(personas.client)))
    assert "Written" not in visible_text(signed_in(client, personas.supervisor).get(url(personas.client)))


def test_the_page_is_not_kept_in_shared_caches(client, personas):
    response = signed_in(client, personas.practitioner).get(url(personas.client))
    assert response["Cache-Control"] == "no-store"
