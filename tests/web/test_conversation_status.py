"""The status fragment HTMX polls while an analysis waits, and that swaps in the result when it is done."""

from __future__ import annotations

import pytest

from alliance.records import builders
from alliance.records.models import ConversationAnalysis
from tests.web.conversation_fixtures import analyzed
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, recording_consent="yes")


@pytest.fixture
def waiting(contact):
    return ConversationAnalysis.objects.create(contact=contact, source_text="Alex: hello\nClient: hi\n")


def url(analysis):
    return f"/conversations/{analysis.pk}/status/"


def test_while_waiting_the_fragment_shows_progress_and_keeps_polling(client, personas, waiting):
    signed_in(client, personas.practitioner)
    response = client.get(url(waiting), **HTMX)
    page = visible_text(response)
    assert response.status_code == 200
    assert "The transcript is waiting to be analysed" in page
    assert f'hx-get="/conversations/{waiting.pk}/status/"' in page
    assert "<html" not in page


def test_the_fragment_and_the_redirect_for_a_plain_visit_say_they_vary_on_hx_request(client, personas, waiting):
    signed_in(client, personas.practitioner)
    assert "HX-Request" in client.get(url(waiting), **HTMX)["Vary"]
    plain = client.get(url(waiting))
    assert plain.status_code == 302 and plain["Location"] == f"/contacts/{waiting.contact_id}/#conversation"
    assert "HX-Request" in plain["Vary"]


def test_polling_a_waiting_analysis_writes_no_audit_entry_for_each_poll(client, personas, waiting):
    signed_in(client, personas.practitioner)
    client.get(url(waiting), **HTMX)
    assert ("view", "conversationanalysis") not in audit_trail(personas.practitioner)


def test_once_done_the_fragment_shows_the_analysis_and_stops_polling(client, personas, contact):
    analysis = analyzed(contact)
    signed_in(client, personas.practitioner)
    page = visible_text(client.get(url(analysis), **HTMX))
    assert "The session in numbers" in page and "Feedback" in page
    assert "hx-get" not in page
    assert ("view", "conversationanalysis") in audit_trail(personas.practitioner)


def test_without_htmx_the_status_address_leads_back_to_the_contact(client, personas, waiting, contact):
    signed_in(client, personas.practitioner)
    response = client.get(url(waiting))
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/#conversation"


def test_the_supervisor_may_follow_the_progress(client, personas, waiting):
    signed_in(client, personas.supervisor)
    assert client.get(url(waiting), **HTMX).status_code == 200


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_people_not_assigned_to_the_client_get_not_found(client, personas, waiting, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(waiting), **HTMX).status_code == 404
    assert ("denied", "conversationanalysis") in audit_trail(getattr(personas, who))


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_analysis_id_is_not_found(client, personas, bad_id):
    signed_in(client, personas.practitioner)
    assert client.get(f"/conversations/{bad_id}/status/", **HTMX).status_code == 404


def test_the_status_address_only_answers_get(client, personas, waiting):
    signed_in(client, personas.practitioner)
    assert client.post(url(waiting), **HTMX).status_code == 405
