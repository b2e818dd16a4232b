"""Adding a goal in the client's own words: only their practitioner; bad input saves nothing."""

from __future__ import annotations

import pytest

from alliance.records.models import Goal
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def url(client_record) -> str:
    return f"/clients/{client_record.pk}/goals/new/"


def valid(**overrides) -> dict:
    return {"text": "Sleep through the night", "proposed_by": "client", "status": "active", "level_0": "Three nights a week",
            "weight": "1", **overrides}


def test_the_form_asks_for_the_goal_in_the_clients_own_words(client, personas):
    response = signed_in(client, personas.practitioner).get(url(personas.client))
    assert response.status_code == 200
    assert "The goal, in the client&#x27;s own words" in visible_text(response)


def test_a_new_goal_is_saved_for_the_client_and_audited(client, personas):
    response = signed_in(client, personas.practitioner).post(url(personas.client), valid())
    goal = Goal.objects.get(client=personas.client)
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{personas.client.pk}/"
    assert (goal.text, goal.level_0, goal.created_by) == ("Sleep through the night", "Three nights a week", personas.practitioner)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("create", "goal")]
    assert "Sleep through the night" in visible_text(client.get(f"/clients/{personas.client.pk}/"))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"text": ""}, "text"), ({"weight": "11"}, "weight"), ({"weight": "0"}, "weight"), ({"proposed_by": "the court"}, "proposed_by"),
     ({"level_plus_2": "x" * 301}, "level_plus_2")],
)
def test_invalid_input_shows_a_field_error_and_saves_nothing(client, personas, overrides, field):
    response = signed_in(client, personas.practitioner).post(url(personas.client), valid(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Goal.objects.exists()
    assert audit_trail(personas.practitioner) == []


def test_the_supervisor_may_not_add_a_goal(client, personas):
    signed_in(client, personas.supervisor)
    assert client.get(url(personas.client)).status_code == 403
    assert client.post(url(personas.client), valid()).status_code == 403
    assert not Goal.objects.exists()
    assert audit_trail(personas.supervisor) == [("denied", "client"), ("denied", "client")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_else_gets_not_found(client, personas, who):
    signed_in(client, getattr(personas, who))
    assert client.post(url(personas.client), valid()).status_code == 404
    assert not Goal.objects.exists()


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/clients/{bad_id}/goals/new/").status_code == 404
