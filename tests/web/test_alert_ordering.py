"""Most urgent and most recent first, on the caseload, the client page and the team page (one ordering,
alliance.measures.alerts.most_urgent_first), and old alerts say how old they are."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from alliance.records import builders, checkin_service
from alliance.records.models import Alert
from tests.web.helpers import signed_in, visible_text

TODAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def critical(personas, client, days_ago, item9):
    when = TODAY - timedelta(days=days_ago)
    with time_machine.travel(when, tick=False):
        link, _ = checkin_service.create_link(client, created_by=personas.practitioner, instruments=("phq-9",))
        assert checkin_service.submit(link.pk, {"phq-9": [0] * 8 + [item9]}).status == "saved"


@pytest.fixture
def alerts(personas):
    # Casey: an item-9 answer 36 days ago ("Several days") and a new one today ("Nearly every day").
    critical(personas, personas.client, 36, 1)
    critical(personas, personas.client, 0, 3)
    Alert.objects.create(client=personas.client, kind="missed_contacts", key="x", urgency="attention",
                         message="An attention alert from yesterday.", occurred_on=(TODAY - timedelta(days=1)).date())
    # Robin: one urgent answer 10 days ago, so Robin comes after Casey's newer one.
    robin = builders.make_client(personas.practitioner, "Robin Example")
    critical(personas, robin, 10, 2)
    return personas


def positions(text, *needles):
    found = [text.index(n) for n in needles]
    assert found == sorted(found), list(zip(needles, found))


def test_the_client_page_lists_the_newest_urgent_alert_first_and_says_how_old_the_other_is(client, alerts):
    with time_machine.travel(TODAY, tick=False):
        text = visible_text(signed_in(client, alerts.practitioner).get(f"/clients/{alerts.client.pk}/"))
    section = text[text.index('id="alerts-heading"'):]
    positions(section, "answered &#x27;Nearly every day&#x27;", "answered &#x27;Several days&#x27;", "An attention alert from yesterday.")
    assert "5 weeks ago" in section and "Today" in section and "Yesterday" in section


def test_the_caseload_puts_the_most_recent_urgent_client_first_and_orders_each_clients_reasons(client, alerts):
    with time_machine.travel(TODAY, tick=False):
        text = visible_text(signed_in(client, alerts.practitioner).get("/"))
    attention = text[text.index('id="attention-heading"'):text.index('id="clients-heading"')]
    positions(attention, "Casey", "Robin Example")
    positions(attention, "Today:</span> On 2026-11-30", "5 weeks ago:</span> On 2026-10-25", "Yesterday:</span> An attention alert")
    assert "reach out to them today" not in attention


def test_the_team_page_uses_the_same_ordering(client, alerts):
    with time_machine.travel(TODAY, tick=False):
        text = visible_text(signed_in(client, alerts.supervisor).get("/team/"))
    section = text[text.index('id="team-alerts-heading"'):]
    positions(section, "answered &#x27;Nearly every day&#x27;", "On 2026-11-20", "answered &#x27;Several days&#x27;", "An attention alert")
    assert "not yet acknowledged" in section and "5 weeks ago" in section
