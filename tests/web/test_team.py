"""The Team pages: a supervisor's material for supervision. Alerts first, practitioners alphabetically, never ranked."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
import time_machine
from django.utils import timezone

from alliance.records import builders
from alliance.records.models import (
    AgencySettings,
    Alert,
    AuditEntry,
    Client,
    ConversationAnalysis,
)
from tests.web.helpers import BAD_IDS, audit_trail, signed_in
from tests.web.helpers import visible_text as raw_text

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=dt_timezone.utc)


def at(month: int, day: int = 10) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=dt_timezone.utc)


def analyzed(client, when, rq, practitioner=None):
    contact = builders.make_contact(client, starts_at=when, practitioner=practitioner)
    return ConversationAnalysis.objects.create(contact=contact, status=ConversationAnalysis.Status.DONE, metrics={
        "reflection_to_question_ratio": rq, "percent_open_questions": 50.0,
        "percent_complex_reflections": 40.0, "practitioner_talk_share": 0.5,
    })


def visible_text(response) -> str:
    return html.unescape(raw_text(response))


@pytest.fixture
def november():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_supervisor_sees_team_alerts_urgent_first_with_a_link_to_each_client(client, personas):
    tilly = builders.make_client(personas.teammate, "Tilly Teammates-Client")
    Alert.objects.create(client=tilly, kind="no-change", urgency="attention", message="No reliable change after 8 weeks.", key="a")
    Alert.objects.create(client=personas.client, kind="rupture", urgency="urgent", message="The relationship check-in dropped.", key="b")
    Alert.objects.create(client=personas.other_client, kind="rupture", urgency="urgent", message="Other team's alert.", key="c")
    Alert.objects.create(client=tilly, kind="old", urgency="urgent", message="Already dealt with.", key="d", resolved_at=timezone.now())
    text = visible_text(signed_in(client, personas.supervisor).get("/team/"))
    assert "<h1>Team</h1>" in text
    alerts = text.split("Alerts across the team")[1].split("Practitioners")[0]
    assert alerts.index("The relationship check-in dropped.") < alerts.index("No reliable change after 8 weeks.")
    assert f'href="/clients/{personas.client.pk}/"' in alerts and f'href="/clients/{tilly.pk}/"' in alerts
    assert "with Pat Practitioner" in alerts
    assert "Other team's alert." not in text and "Already dealt with." not in text


def test_practitioners_are_listed_alphabetically_with_caseload_and_open_alerts(client, personas):
    builders.make_client(personas.teammate, "Tilly One")
    builders.make_client(personas.teammate, "Tilly Two")
    builders.make_client(personas.teammate, "Tilly Closed", status=Client.Status.CLOSED)
    Alert.objects.create(client=personas.client, kind="rupture", urgency="urgent", message="m", key="b")
    text = visible_text(signed_in(client, personas.supervisor).get("/team/"))
    people = text.split('id="team-people-heading"')[1].split("Reflections shared with you")[0]
    assert people.index("Pat Practitioner") < people.index("Tess Teammate")
    assert "1 active client · 1 open alert" in people
    assert "2 active clients · no open alerts" in people
    assert "Stan Stranger" not in text and "Sue Supervisor</a>" not in people


def test_each_practitioners_skill_notes_compare_them_only_with_their_own_past(client, personas, november):
    analyzed(personas.client, at(8), 0.6)
    analyzed(personas.client, at(11), 1.1)
    text = visible_text(signed_in(client, personas.supervisor).get("/team/"))
    assert "Pat's reflections per question have risen from 0.6 to 1.1 since August." in text
    assert "Tess's reflections per question" not in text
    assert "No analysed sessions in the last 12 months yet, so no conversation trends to show." in text  # Tess
    for word in ("rank", "league", "best", "worst", "top performer"):
        assert word not in text.lower()


def test_reflections_shared_with_the_supervisor_are_listed_and_private_ones_are_not(client, personas):
    contact = builders.make_contact(personas.client)
    builders.make_reflection(contact, shared_with_supervisor=True, listened_fully="Mostly.")
    hidden_contact = builders.make_contact(builders.make_client(personas.teammate, "Tilly Private"))
    builders.make_reflection(hidden_contact, shared_with_supervisor=False)
    text = visible_text(signed_in(client, personas.supervisor).get("/team/"))
    shared = text.split("Reflections shared with you")[1].split("Who has looked at each record")[0]
    assert f'href="/contacts/{contact.pk}/"' in shared
    assert "Pat Practitioner" in shared
    assert "Tilly Private" not in shared
    assert "Mostly." not in text  # the reflection itself stays on the contact page


def test_every_team_client_links_to_its_access_history(client, personas):
    tilly = builders.make_client(personas.teammate, "Tilly Teammates-Client")
    text = visible_text(signed_in(client, personas.supervisor).get("/team/"))
    assert f'href="/clients/{personas.client.pk}/access/"' in text
    assert f'href="/clients/{tilly.pk}/access/"' in text
    assert f'href="/clients/{personas.other_client.pk}/access/"' not in text


def test_the_supervisor_has_team_in_the_header_and_the_practitioner_does_not(client, personas):
    assert '<a href="/team/">Team</a>' in visible_text(signed_in(client, personas.supervisor).get("/"))
    assert '<a href="/team/">Team</a>' not in visible_text(signed_in(client, personas.practitioner).get("/"))


@pytest.mark.parametrize("who", ["practitioner", "teammate", "stranger", "admin"])
def test_anyone_but_a_supervisor_finds_nothing_at_the_team_pages(client, personas, who):
    signed_in(client, getattr(personas, who))
    for url in ("/team/", f"/team/practitioners/{personas.practitioner.pk}/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Nothing here" in visible_text(response)


def test_someone_not_signed_in_is_sent_to_the_login_page(client, personas):
    response = client.get("/team/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_practitioner_page_shows_charted_trends_and_the_visit_is_audited(client, personas, november):
    analyzed(personas.client, at(9), 0.5)
    analyzed(personas.client, at(11), 1.5)
    response = signed_in(client, personas.supervisor).get(f"/team/practitioners/{personas.practitioner.pk}/")
    text = visible_text(response)
    assert response.status_code == 200
    assert "<h1>Pat Practitioner</h1>" in text
    assert "Pat's reflections per question have risen from 0.5 to 1.5 since September." in text
    assert 'role="img"' in text and "The numbers behind this chart" in text
    assert "Across Pat's caseload, the middle relationship check-in" not in text or "No relationship check-ins" in text
    assert audit_trail(personas.supervisor) == [("view", "practice")]
    assert AuditEntry.objects.get(actor=personas.supervisor).record_id == str(personas.practitioner.pk)


def test_the_supervisor_cannot_open_another_teams_practitioner_or_a_bad_id(client, personas):
    signed_in(client, personas.supervisor)
    for practitioner_id in (str(personas.stranger.pk), str(personas.supervisor.pk), *BAD_IDS):
        assert client.get(f"/team/practitioners/{practitioner_id}/").status_code == 404, practitioner_id
    assert audit_trail(personas.supervisor) == []


def _team_of(personas, count: int, start: int) -> None:
    for i in range(start, start + count):
        owner = personas.practitioner if i % 2 else personas.teammate
        person = builders.make_client(owner, f"Client {i:03d}")
        analyzed(person, timezone.now() - timedelta(days=30 * (i % 6)), 1 + i / 10)
        contact = builders.make_contact(person)
        builders.make_reflection(contact, shared_with_supervisor=True)
        Alert.objects.create(client=person, kind="rupture", urgency="urgent" if i % 3 else "attention", message="Check in.", key=str(i))


def test_the_team_page_takes_a_pinned_number_of_queries_for_3_clients_as_for_30(client, personas, django_assert_num_queries):
    signed_in(client, personas.supervisor)
    _team_of(personas, 3, 0)
    AgencySettings.current()
    # Session, user, alerts, practitioners, analysed sessions, shared reflections, team clients, the team's name,
    # the agency's settings (how long without contact needs attention), the audit entry.
    with django_assert_num_queries(10):
        client.get("/team/")
    _team_of(personas, 27, 3)
    with django_assert_num_queries(10):
        assert "Client 029" in visible_text(client.get("/team/"))


def test_the_practitioner_page_takes_a_pinned_number_of_queries(client, personas, django_assert_num_queries):
    signed_in(client, personas.supervisor)
    _team_of(personas, 10, 0)
    # Session, user, practitioner, analysed sessions, relationship check-ins, audit entry.
    with django_assert_num_queries(6):
        client.get(f"/team/practitioners/{personas.practitioner.pk}/")


def test_each_practitioner_links_to_their_caseload_on_the_caseload_page(client, personas):
    builders.make_client(personas.teammate, "Tilly Teammates-Client")
    signed_in(client, personas.supervisor)
    text = visible_text(client.get("/team/"))
    assert f'<a href="/?practitioner={personas.teammate.pk}">Tess\'s caseload</a>' in text
    caseload = visible_text(client.get(f"/?practitioner={personas.teammate.pk}")).split('id="client-table"')[1]
    assert "Tilly" in caseload and "Casey" not in caseload
