"""Every foundation page renders for its owner (the detailed access matrix lives in each view's test file)."""

import pytest
from django.utils import timezone

from alliance.records import builders


@pytest.fixture
def owner_client(client, personas):
    client.force_login(personas.practitioner)
    return client


def test_the_practitioner_lands_on_their_caseload_and_sees_their_client(owner_client, personas):
    response = owner_client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>Caseload</h1>" in text
    assert f"/clients/{personas.client.pk}/" in text
    assert "Otto Other" not in text


def test_each_page_of_a_client_record_renders_for_the_practitioner(owner_client, personas):
    contact = builders.make_contact(personas.client, starts_at=timezone.now())
    goal = builders.make_goal(personas.client)
    for url in [
        f"/clients/{personas.client.pk}/",
        f"/clients/{personas.client.pk}/edit/",
        f"/clients/{personas.client.pk}/profile/",
        f"/clients/{personas.client.pk}/access/",
        f"/clients/{personas.client.pk}/contacts/new/",
        f"/clients/{personas.client.pk}/goals/new/",
        f"/contacts/{contact.pk}/",
        f"/contacts/{contact.pk}/edit/",
        f"/contacts/{contact.pk}/reflection/",
        f"/goals/{goal.pk}/edit/",
        f"/goals/{goal.pk}/rate/",
        "/clients/new/",
    ]:
        assert owner_client.get(url).status_code == 200, url
