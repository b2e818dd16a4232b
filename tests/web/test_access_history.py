"""Access history: who opened or changed a client's record, for the supervisor and the practitioner."""

from __future__ import annotations

import pytest

from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def url(client_record) -> str:
    return f"/clients/{client_record.pk}/access/"


def test_the_supervisor_sees_who_opened_the_record(client, personas):
    signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/")
    response = signed_in(client, personas.supervisor).get(url(personas.client))
    text = visible_text(response)
    assert response.status_code == 200
    assert "Access history" in text
    assert "Pat Practitioner" in text and "Viewed" in text


def test_the_practitioner_sees_the_history_of_their_own_client(client, personas):
    signed_in(client, personas.teammate).get(f"/clients/{personas.client.pk}/")
    text = visible_text(signed_in(client, personas.practitioner).get(url(personas.client)))
    assert "Tess Teammate" in text and "Refused access" in text


def test_reading_the_history_is_itself_audited(client, personas):
    signed_in(client, personas.supervisor).get(url(personas.client))
    assert audit_trail(personas.supervisor, client_id=personas.client.pk) == [("view", "client")]


@pytest.mark.parametrize("who", ["teammate", "stranger", "admin"])
def test_anyone_else_gets_not_found(client, personas, who):
    assert signed_in(client, getattr(personas, who)).get(url(personas.client)).status_code == 404


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.supervisor).get(f"/clients/{bad_id}/access/").status_code == 404
