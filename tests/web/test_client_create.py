"""Adding a client: practitioners on a team add to their own caseload; bad input saves nothing."""

from __future__ import annotations

import pytest

from alliance.records import builders
from alliance.records.models import Client
from tests.web.helpers import audit_trail, signed_in, visible_text

URL = "/clients/new/"


def valid(**overrides) -> dict:
    return {"name": "Nadia Newcomer", "preferred_language": "en", "status": "active", "opened_on": "2026-11-01", **overrides}


def test_the_form_asks_for_the_clients_details(client, personas):
    response = signed_in(client, personas.practitioner).get(URL)
    assert response.status_code == 200
    assert "Add a client" in visible_text(response)


def test_a_new_client_joins_the_practitioners_caseload_and_team_and_is_audited(client, personas):
    response = signed_in(client, personas.practitioner).post(URL, valid(preferred_name="Nadia"))
    created = Client.objects.get(name="Nadia Newcomer")
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{created.pk}/"
    assert created.practitioner == personas.practitioner
    assert created.team == personas.team
    assert audit_trail(personas.practitioner, client_id=created.pk) == [("create", "client")]
    assert "Nadia" in visible_text(client.get("/"))


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"opened_on": "31/02/2026"}, "opened_on", "Enter a valid date."),
        ({"closed_on": "2026-10-01"}, "closed_on", "The closing date can&#x27;t be before the opening date."),
        ({"status": "closed"}, "closed_on", "Please give the date the work ended."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"preferred_language": "xx"}, "preferred_language", "Select a valid choice."),
    ],
)
def test_invalid_details_show_a_field_error_and_save_nothing(client, personas, overrides, field, message):
    response = signed_in(client, personas.practitioner).post(URL, valid(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in visible_text(response)
    assert not Client.objects.filter(name__in=["Nadia Newcomer", ""]).exists()
    assert audit_trail(personas.practitioner) == []


@pytest.mark.parametrize("who", ["supervisor", "admin"])
def test_supervisors_and_administrators_may_not_add_clients(client, personas, who):
    signed_in(client, getattr(personas, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, valid()).status_code == 403
    assert not Client.objects.filter(name="Nadia Newcomer").exists()


def test_a_practitioner_without_a_team_may_not_add_clients(client, personas):
    loner = builders.make_user("lone")
    assert signed_in(client, loner).post(URL, valid()).status_code == 403
    assert not Client.objects.filter(name="Nadia Newcomer").exists()


def test_someone_not_signed_in_is_sent_to_the_login_page_and_nothing_is_saved(client, personas):
    response = client.post(URL, valid())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Client.objects.filter(name="Nadia Newcomer").exists()
