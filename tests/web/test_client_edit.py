"""Editing a client's details: only their practitioner; bad input saves nothing."""

from __future__ import annotations

import pytest

from alliance.records.models import Client
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def url(client_record) -> str:
    return f"/clients/{client_record.pk}/edit/"


def form_data(client_record, **overrides) -> dict:
    return {
        "name": client_record.name, "preferred_name": client_record.preferred_name, "preferred_language": "en",
        "status": "active", "opened_on": client_record.opened_on.isoformat(), **overrides,
    }


def test_the_practitioner_sees_the_form_filled_in_and_the_view_is_audited(client, personas):
    response = signed_in(client, personas.practitioner).get(url(personas.client))
    assert response.status_code == 200
    assert "Edit Casey" in visible_text(response)
    assert 'value="Casey Client"' in visible_text(response)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "client")]


def test_saving_changes_the_record_and_writes_an_update_entry(client, personas):
    response = signed_in(client, personas.practitioner).post(url(personas.client), form_data(personas.client, pronouns="they/them"))
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{personas.client.pk}/"
    assert Client.objects.get(pk=personas.client.pk).pronouns == "they/them"
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("update", "client")]


def test_a_closing_date_before_the_opening_date_is_a_field_error_and_nothing_changes(client, personas):
    data = form_data(personas.client, status="closed", closed_on="2000-01-01", pronouns="they/them")
    response = signed_in(client, personas.practitioner).post(url(personas.client), data)
    assert response.status_code == 200
    assert response.context["form"].errors["closed_on"] == ["The closing date can't be before the opening date."]
    unchanged = Client.objects.get(pk=personas.client.pk)
    assert (unchanged.status, unchanged.pronouns, unchanged.closed_on) == ("active", "", None)
    assert audit_trail(personas.practitioner) == []


def test_the_supervisor_may_read_but_not_change_and_the_refusal_is_audited(client, personas):
    signed_in(client, personas.supervisor)
    assert client.get(url(personas.client)).status_code == 403
    response = client.post(url(personas.client), form_data(personas.client, name="Changed"))
    assert response.status_code == 403
    assert "You can see this, but not change it" in visible_text(response)
    assert Client.objects.get(pk=personas.client.pk).name == "Casey Client"
    assert audit_trail(personas.supervisor) == [("denied", "client"), ("denied", "client")]


@pytest.mark.parametrize("who", ["teammate", "stranger", "admin"])
def test_anyone_else_gets_not_found_and_nothing_changes(client, personas, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(personas.client)).status_code == 404
    assert client.post(url(personas.client), form_data(personas.client, name="Changed")).status_code == 404
    assert Client.objects.get(pk=personas.client.pk).name == "Casey Client"


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/clients/{bad_id}/edit/").status_code == 404
