"""The cultural-context profile: written with the client by their practitioner; read by the supervisor."""

from __future__ import annotations

import pytest

from alliance.records import builders
from alliance.records.models import CulturalProfile
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def url(client_record) -> str:
    return f"/clients/{client_record.pk}/profile/"


def test_the_practitioner_sees_the_questions_in_plain_words(client, personas):
    response = signed_in(client, personas.practitioner).get(url(personas.client))
    text = visible_text(response)
    assert response.status_code == 200
    assert "What Casey wants me to know" in text
    assert "What matters most to you right now?" in text
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "culturalprofile")]


def test_opening_the_form_does_not_create_an_empty_profile(client, personas):
    signed_in(client, personas.practitioner).get(url(personas.client))
    assert not CulturalProfile.objects.filter(client=personas.client).exists()
    assert "Not written yet." in visible_text(client.get(f"/clients/{personas.client.pk}/"))


def test_saving_stores_the_clients_words_and_writes_an_update_entry(client, personas):
    response = signed_in(client, personas.practitioner).post(url(personas.client), {"what_matters": "My kids", "interpreter_needed": "on", "interpreter_language": "Polish"})
    assert response.status_code == 302
    profile = CulturalProfile.objects.get(client=personas.client)
    assert (profile.what_matters, profile.interpreter_needed, profile.interpreter_language) == ("My kids", True, "Polish")
    assert profile.updated_by == personas.practitioner
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("update", "culturalprofile")]
    assert "My kids" in visible_text(client.get(f"/clients/{personas.client.pk}/"))


def test_an_overlong_answer_is_a_field_error_and_nothing_changes(client, personas):
    builders.make_profile(personas.client, what_matters="Family")
    response = signed_in(client, personas.practitioner).post(url(personas.client), {"what_matters": "Work", "interpreter_language": "x" * 61})
    assert response.status_code == 200
    assert "interpreter_language" in response.context["form"].errors
    assert CulturalProfile.objects.get(client=personas.client).what_matters == "Family"
    assert audit_trail(personas.practitioner) == []


def test_the_supervisor_may_not_change_the_profile(client, personas):
    signed_in(client, personas.supervisor)
    assert client.get(url(personas.client)).status_code == 403
    assert client.post(url(personas.client), {"what_matters": "Changed"}).status_code == 403
    assert not CulturalProfile.objects.filter(client=personas.client).exists()
    assert audit_trail(personas.supervisor) == [("denied", "client"), ("denied", "client")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_else_gets_not_found(client, personas, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(personas.client)).status_code == 404
    assert client.post(url(personas.client), {"what_matters": "Changed"}).status_code == 404
    assert not CulturalProfile.objects.filter(client=personas.client).exists()


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/clients/{bad_id}/profile/").status_code == 404
