"""The caseload page: who sees which clients, who needs attention first, and a query count that doesn't grow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.records import builders
from alliance.records.models import Alert, CheckinResponse, Client, Contact
from tests.web.helpers import signed_in, visible_text

# Session, user, clients with their annotations, agency settings, open alerts, the audit entry.
CASELOAD_QUERIES = 6


def test_the_practitioner_sees_the_caseload_heading_and_a_link_to_each_of_their_clients(client, personas):
    text = visible_text(signed_in(client, personas.practitioner).get("/"))
    assert "<h1>Caseload</h1>" in text
    assert "My clients" in text
    assert f'href="/clients/{personas.client.pk}/"' in text
    assert "Casey" in text


def test_a_practitioner_does_not_see_a_teammates_or_another_teams_clients(client, personas):
    teammates_client = builders.make_client(personas.teammate, "Tilly Teammates-Client")
    text = visible_text(signed_in(client, personas.practitioner).get("/"))
    assert "Tilly" not in text
    assert str(teammates_client.pk) not in text
    assert "Otto Other" not in text
    assert str(personas.other_client.pk) not in text


def test_the_teammate_and_the_stranger_do_not_see_the_practitioners_client(client, personas):
    for person in (personas.teammate, personas.stranger):
        text = visible_text(signed_in(client, person).get("/"))
        assert str(personas.client.pk) not in text, person.username


def test_the_supervisor_sees_the_teams_clients_with_their_practitioner_but_not_other_teams(client, personas):
    builders.make_client(personas.teammate, "Tilly Teammates-Client")
    text = visible_text(signed_in(client, personas.supervisor).get("/"))
    assert "The team's clients" in text
    assert "Casey" in text and "Tilly" in text
    assert "Pat Practitioner" in text
    assert "Otto Other" not in text
    assert "Add a client" not in text


def test_the_administrator_gets_an_admin_home_with_no_client_records(client, personas):
    text = visible_text(signed_in(client, personas.admin).get("/"))
    assert "<h1>Administration home</h1>" in text
    assert "Who needs attention today" not in text and "Nobody needs particular attention" not in text
    assert 'href="/admin/records/agencysettings/1/change/"' in text
    assert "Casey" not in text


def test_someone_not_signed_in_is_sent_to_the_login_page(client, personas):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_search_by_name_narrows_the_list(client, personas):
    builders.make_client(personas.practitioner, "Robin Reyes")
    response = signed_in(client, personas.practitioner).get("/", {"q": "reyes"})
    table = visible_text(response).split('id="client-table"')[1]
    assert "Robin Reyes" in table
    assert "Casey" not in table


def test_closed_clients_are_hidden_until_the_closed_or_all_filter_is_chosen(client, personas):
    builders.make_client(personas.practitioner, "Cleo Closed", status=Client.Status.CLOSED, closed_on=timezone.localdate())
    signed_in(client, personas.practitioner)
    assert "Cleo Closed" not in visible_text(client.get("/"))
    assert "Cleo Closed" in visible_text(client.get("/", {"status": "closed"}))
    everyone = visible_text(client.get("/", {"status": "all"}))
    assert "Cleo Closed" in everyone and "Casey" in everyone


def test_an_htmx_request_gets_only_the_client_table(client, personas):
    response = signed_in(client, personas.practitioner).get("/", {"q": "cas"}, HTTP_HX_REQUEST="true")
    text = visible_text(response)
    assert text.lstrip().startswith('<div id="client-table">')
    assert "<h1>" not in text
    assert "Casey" in text


def test_the_page_and_its_htmx_table_say_they_vary_on_hx_request(client, personas):
    signed_in(client, personas.practitioner)
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        assert "HX-Request" in client.get("/", {"q": "cas"}, **headers)["Vary"]


def test_htmx_restoring_a_pushed_address_from_history_gets_the_whole_page(client, personas):
    # The filter form pushes its address (hx-push-url); htmx asks for the whole page when its history cache lacks it.
    response = signed_in(client, personas.practitioner).get(
        "/", {"q": "cas"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    text = visible_text(response)
    assert "<h1>" in text and '<div id="client-table">' in text
    assert "Casey" in text


def test_a_client_never_seen_is_listed_under_who_needs_attention(client, personas):
    text = visible_text(signed_in(client, personas.practitioner).get("/"))
    attention = text.split("Who needs attention today")[1].split("My clients")[0]
    assert "Casey" in attention
    assert "No attended contact recorded yet." in attention


def test_a_client_seen_recently_does_not_need_attention(client, personas):
    builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=3))
    text = visible_text(signed_in(client, personas.practitioner).get("/"))
    assert "Nobody needs particular attention today." in text


def test_a_client_not_seen_for_longer_than_the_agency_allows_is_flagged_with_the_days(client, personas):
    builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=40, hours=1))
    text = visible_text(signed_in(client, personas.practitioner).get("/"))
    assert "No contact for 40 days." in text


def test_urgent_alerts_come_first_with_their_message(client, personas):
    calm = builders.make_client(personas.practitioner, "Aaron Attention")
    for person in (calm, personas.client):
        builders.make_contact(person, starts_at=timezone.now() - timedelta(days=2))
    Alert.objects.create(client=calm, kind="no-change", urgency="attention", message="No reliable change yet.", key="a")
    Alert.objects.create(client=personas.client, kind="rupture", urgency="urgent", message="The relationship score dropped.", key="b")
    text = visible_text(signed_in(client, personas.practitioner).get("/"))
    attention = text.split("Who needs attention today")[1].split("My clients")[0]
    assert attention.index("Casey") < attention.index("Aaron Attention")
    assert "The relationship score dropped." in attention
    assert "1 open" in text


def test_the_latest_relationship_check_in_and_the_next_contact_are_shown(client, personas):
    now = timezone.now()
    for days, total in ((20, 31.0), (5, 42.5)):
        CheckinResponse.objects.create(
            client=personas.client, instrument_id="relationship-checkin", submitted_at=now - timedelta(days=days),
            total=total, severity="good",
        )
    builders.make_contact(personas.client, starts_at=now + timedelta(days=3), attendance=Contact.Attendance.PLANNED)
    text = visible_text(signed_in(client, personas.practitioner).get("/"))
    assert "42.5" in text and "31.0" not in text
    assert (now + timedelta(days=3)).strftime("%-d %b %Y") in text


def _caseload_of(practitioner, count: int) -> None:
    now = timezone.now()
    for i in range(count):
        person = builders.make_client(practitioner, f"Client {i:03d}")
        builders.make_contact(person, starts_at=now - timedelta(days=i + 1))
        CheckinResponse.objects.create(client=person, instrument_id="relationship-checkin", submitted_at=now, total=40.0)
        Alert.objects.create(client=person, kind="rupture", urgency="urgent", message="Check in about the last session.", key=str(i))


def _queries_for_caseload(django_client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert django_client.get("/").status_code == 200
    return len(queries)


def test_the_caseload_query_count_does_not_grow_with_the_number_of_clients(client, personas):
    signed_in(client, personas.practitioner)
    client.get("/")  # the agency settings row is created on first use
    _caseload_of(personas.practitioner, 3)
    few = _queries_for_caseload(client)
    _caseload_of(personas.practitioner, 27)
    many = _queries_for_caseload(client)
    assert many == few


@pytest.mark.parametrize("who", ["practitioner", "supervisor"])
def test_the_caseload_takes_a_pinned_number_of_queries(client, personas, django_assert_num_queries, who):
    _caseload_of(personas.practitioner, 10)
    signed_in(client, getattr(personas, who))
    client.get("/")  # the agency settings row is created on first use
    with django_assert_num_queries(CASELOAD_QUERIES):
        client.get("/")
