"""One rule for "needs attention" (alliance.web.status), and the caseload, client and team pages all show it."""

from __future__ import annotations

import html
from datetime import timedelta

from django.utils import timezone

from alliance.records import builders
from alliance.records.models import Alert, Client
from tests.web.helpers import signed_in
from tests.web.helpers import visible_text as raw_text


def visible_text(response) -> str:
    return html.unescape(raw_text(response))


def not_seen_for(personas, days: int) -> Client:
    builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=days), attendance="attended")
    return personas.client


def test_a_client_not_seen_for_45_days_needs_attention_on_the_caseload_the_client_page_and_the_team_page(client, personas):
    casey = not_seen_for(personas, 45)
    caseload = visible_text(signed_in(client, personas.practitioner).get("/"))
    assert "No contact for 45 days." in caseload.split("Who needs attention today")[1].split("My clients")[0]
    row = caseload.split('id="client-table"')[1]
    assert "Needs attention</span> 1 reason" in row and ">None<" not in row  # never "Alerts: None" beside it
    page = visible_text(client.get(f"/clients/{casey.pk}/"))
    assert "<h2 id=\"alerts-heading\">Needs attention</h2>" in page and "No contact for 45 days." in page
    team = visible_text(signed_in(client, personas.supervisor).get("/team/"))
    assert "Not seen for a while" in team and "No contact for 45 days." in team
    assert "1 active client · no open alerts · 1 client needs attention" in team  # the practitioner's summary agrees


def test_a_client_seen_last_week_needs_no_attention_anywhere(client, personas):
    casey = not_seen_for(personas, 7)
    caseload = visible_text(signed_in(client, personas.practitioner).get("/"))
    assert "Nobody needs particular attention today." in caseload
    assert "alerts-heading" not in visible_text(client.get(f"/clients/{casey.pk}/"))
    assert "Not seen for a while" not in visible_text(signed_in(client, personas.supervisor).get("/team/"))


def test_a_closed_client_leaves_the_team_alerts_and_the_caseloads_attention_list_but_keeps_its_alert_on_its_page(client, personas):
    casey = not_seen_for(personas, 60)
    Alert.objects.create(client=casey, kind="rupture", urgency="urgent", message="The relationship check-in dropped.", key="k")
    Client.objects.filter(pk=casey.pk).update(status=Client.Status.CLOSED, closed_on=timezone.localdate())
    team = visible_text(signed_in(client, personas.supervisor).get("/team/"))
    assert "The relationship check-in dropped." not in team and "No contact for 60 days." not in team
    assert "no open alerts · nobody needs particular attention" in team  # the practitioner's summary agrees
    caseload = visible_text(signed_in(client, personas.practitioner).get("/", {"status": "all"}))
    assert "The relationship check-in dropped." not in caseload
    assert "Nobody needs particular attention today." in caseload
    page = visible_text(client.get(f"/clients/{casey.pk}/"))
    assert "Open alerts" in page and "The relationship check-in dropped." in page
    assert "record is closed, so these no longer appear" in page


def test_an_urgent_alert_and_an_old_contact_are_both_given_with_the_urgent_one_first(client, personas):
    casey = not_seen_for(personas, 40)
    Alert.objects.create(client=casey, kind="critical-item", urgency="urgent", message="Please reach out today.", key="k")
    caseload = visible_text(signed_in(client, personas.practitioner).get("/"))
    item = caseload.split("Who needs attention today")[1].split("My clients")[0]
    assert item.index("Please reach out today.") < item.index("No contact for 40 days.")
    assert "Urgent</span> 2 reasons (1 open alert)" in caseload
    page = visible_text(client.get(f"/clients/{casey.pk}/"))
    assert page.index("Please reach out today.") < page.index("No contact for 40 days.")


def test_the_administrator_home_counts_people_and_teams_and_flags_people_without_a_team(client, personas):
    builders.make_user("nomad", first_name="No", last_name="Team")
    text = visible_text(signed_in(client, personas.admin).get("/"))
    assert "<h1>Administration home</h1>" in text
    assert "Harbour Team" in text and "Hill Team" in text
    assert "1 person is on no team yet" in text
    assert "Casey" not in text and "Otto" not in text
    assert ">Home</a>" in text
