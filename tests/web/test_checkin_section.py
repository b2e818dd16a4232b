"""The client page's "Check-ins" section: charts, latest answers item by item, alerts with their evidence."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance.records import checkin_service
from alliance.records.models import Alert
from tests.web.checkin_helpers import new_link
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def answer(personas, instrument_id, values, days_ago):
    when = timezone.now() - timedelta(days=days_ago)
    link, _ = new_link(personas, (instrument_id,), now=when - timedelta(hours=1))
    assert checkin_service.submit(link.pk, {instrument_id: values}, now=when).status == "saved"


@pytest.fixture
def history(personas):
    answer(personas, "phq-9", [1, 1, 1, 1, 1, 0, 0, 0, 0], 60)
    answer(personas, "phq-9", [2, 2, 2, 2, 1, 1, 1, 0, 0], 30)
    answer(personas, "relationship-checkin", [4, 4, 4, 4, 4], 14)
    answer(personas, "relationship-checkin", [3, 1, 3, 3, 3], 2)
    return personas


def test_the_practitioner_sees_a_chart_per_instrument_with_the_caseness_line_and_reliable_change_band(client, history):
    text = visible_text(signed_in(client, history.practitioner).get(f"/clients/{history.client.pk}/"))
    assert "<h2 id=\"checkins-heading\">Check-ins</h2>" in text
    assert "<title" in text and "PHQ-9 over time</title>" in text and "Relationship check-in over time</title>" in text
    assert "Caseness (10)" in text and "No reliable change from the first (5 ± 6)" in text
    assert "Talk below 3" in text
    assert "Values: " in text  # the chart's text alternative


def test_the_latest_answers_are_shown_item_by_item_with_their_wording(client, history):
    text = visible_text(signed_in(client, history.practitioner).get(f"/clients/{history.client.pk}/"))
    assert "2. I felt respected." in text and "A little (1)" in text
    assert "1. Little interest or pleasure in doing things" in text and "More than half the days (2)" in text


def test_alerts_show_the_answers_behind_them(client, history):
    text = visible_text(signed_in(client, history.practitioner).get(f"/clients/{history.client.pk}/"))
    assert "The answers behind this" in text
    assert "reliable change for the worse" in text
    assert "Before: " in text and "After: " in text


def test_only_the_assigned_practitioner_sees_the_create_link_and_follow_up_buttons(client, history):
    mine = visible_text(signed_in(client, history.practitioner).get(f"/clients/{history.client.pk}/"))
    assert "Create check-in link" in mine and "Record follow-up" in mine and "I'm on it" in mine
    theirs = visible_text(signed_in(client, history.supervisor).get(f"/clients/{history.client.pk}/"))
    assert "Check-ins" in theirs and "PHQ-9 over time" in theirs
    # A supervisor acknowledges (and adds a note) but does not close a practitioner's alert by default.
    assert "Create check-in link" not in theirs and "Record follow-up" not in theirs and "I'm on it" in theirs


def test_a_client_without_check_ins_gets_a_gentle_prompt(client, personas):
    text = visible_text(signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/"))
    assert "No check-ins answered yet." in text


def test_the_contact_page_lists_the_check_ins_sent_after_it(client, personas):
    from alliance.records import builders

    contact = builders.make_contact(personas.client)
    link, _ = new_link(personas, contact=contact)
    checkin_service.submit(link.pk, {"relationship-checkin": [4, 4, 3, 3, 4]})
    text = visible_text(signed_in(client, personas.practitioner).get(f"/contacts/{contact.pk}/"))
    assert "Check-ins after this contact" in text and "Relationship check-in: 3.6 (Going well)" in text


class TestMarkingAnAlertFollowedUp:
    def url(self, alert):
        return f"/alerts/{alert.pk}/followed-up/"

    def test_works_for_the_assigned_practitioner_and_is_audited(self, client, history):
        alert = Alert.objects.get(kind="deterioration")
        response = signed_in(client, history.practitioner).post(self.url(alert))
        assert response.status_code == 302
        alert.refresh_from_db()
        assert alert.resolved_by == history.practitioner
        assert ("update", "alert") in audit_trail(history.practitioner)

    def test_the_supervisor_gets_403(self, client, history):
        alert = Alert.objects.get(kind="deterioration")
        assert signed_in(client, history.supervisor).post(self.url(alert)).status_code == 403
        alert.refresh_from_db()
        assert alert.resolved_at is None

    def test_a_teammate_and_a_stranger_get_404(self, client, history):
        alert = Alert.objects.get(kind="deterioration")
        assert signed_in(client, history.teammate).post(self.url(alert)).status_code == 404
        assert signed_in(client, history.stranger).post(self.url(alert)).status_code == 404

    @pytest.mark.parametrize("bad_id", BAD_IDS)
    def test_a_bad_id_gets_404(self, client, personas, bad_id):
        assert signed_in(client, personas.practitioner).post(f"/alerts/{bad_id}/followed-up/").status_code == 404

    def test_get_is_not_allowed(self, client, history):
        alert = Alert.objects.get(kind="deterioration")
        assert signed_in(client, history.practitioner).get(self.url(alert)).status_code == 405
