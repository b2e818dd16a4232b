"""Editing a goal: only the client's practitioner; bad input changes nothing."""

from __future__ import annotations

import pytest

from alliance.records import builders
from alliance.records.models import Goal
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


@pytest.fixture
def goal(personas):
    return builders.make_goal(personas.client, "Sleep through the night")


def url(goal) -> str:
    return f"/goals/{goal.pk}/edit/"


def valid(**overrides) -> dict:
    return {"text": "Sleep through most nights", "proposed_by": "together", "status": "active", "weight": "2", **overrides}


def test_the_practitioner_sees_the_goal_and_the_view_is_audited(client, personas, goal):
    response = signed_in(client, personas.practitioner).get(url(goal))
    assert response.status_code == 200
    assert "Sleep through the night" in visible_text(response)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "goal")]


def test_saving_changes_the_goal_and_writes_an_update_entry(client, personas, goal):
    response = signed_in(client, personas.practitioner).post(url(goal), valid(status="achieved"))
    assert response.status_code == 302
    saved = Goal.objects.get(pk=goal.pk)
    assert (saved.text, saved.status, saved.weight) == ("Sleep through most nights", "achieved", 2)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("update", "goal")]


def test_an_empty_goal_is_a_field_error_and_nothing_changes(client, personas, goal):
    response = signed_in(client, personas.practitioner).post(url(goal), valid(text=""))
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == ["This field is required."]
    assert Goal.objects.get(pk=goal.pk).text == "Sleep through the night"
    assert audit_trail(personas.practitioner) == []


def test_the_supervisor_may_not_change_it(client, personas, goal):
    signed_in(client, personas.supervisor)
    assert client.get(url(goal)).status_code == 403
    assert client.post(url(goal), valid()).status_code == 403
    assert Goal.objects.get(pk=goal.pk).text == "Sleep through the night"
    assert audit_trail(personas.supervisor) == [("denied", "goal"), ("denied", "goal")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_else_gets_not_found(client, personas, goal, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(goal)).status_code == 404
    assert client.post(url(goal), valid()).status_code == 404
    assert Goal.objects.get(pk=goal.pk).text == "Sleep through the night"


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/goals/{bad_id}/edit/").status_code == 404
