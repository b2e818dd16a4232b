"""Closing an alert asks what was done and a note; supervisors acknowledge; all of it on the timeline and audited."""

from datetime import UTC, datetime

import pytest
import time_machine

from alliance.records import checkin_service
from alliance.records.models import AgencySettings, Alert, AlertNote
from tests.web.checkin_helpers import new_link
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


@pytest.fixture
def urgent(personas):
    with time_machine.travel(NOW, tick=False):
        link, _ = new_link(personas, ("phq-9",))
        assert checkin_service.submit(link.pk, {"phq-9": [1] * 8 + [1]}).status == "saved"
    return Alert.objects.get(kind="critical_item")


def url(alert, what="follow-up"):
    return f"/alerts/{alert.pk}/{what}/"


class TestClosingAnUrgentAlert:
    def test_asks_what_was_done_and_a_note(self, client, personas, urgent):
        page = signed_in(client, personas.practitioner).get(url(urgent))
        text = visible_text(page)
        assert page.status_code == 200
        for choice in ("Contacted the client", "Safety plan reviewed", "Referred", "Could not reach the client", "Other"):
            assert choice in text
        refused = client.post(url(urgent), {"action": "contacted"})
        assert refused.status_code == 400 and "This field is required." in visible_text(refused)
        urgent.refresh_from_db()
        assert urgent.resolved_at is None

    def test_records_who_when_what_and_the_note_on_the_timeline_and_in_the_audit_log(self, client, personas, urgent):
        with time_machine.travel(datetime(2026, 11, 30, 11, 30, tzinfo=UTC), tick=False):
            response = signed_in(client, personas.practitioner).post(
                url(urgent), {"action": "safety_plan", "note": "Called; we went through the safety plan together."}
            )
            # Read the page on the same clock: the session signed in at 11:30 does not last until today.
            text = visible_text(client.get(f"/clients/{personas.client.pk}/"))
        assert response.status_code == 302
        urgent.refresh_from_db()
        assert urgent.resolved_by == personas.practitioner and urgent.resolved_at == datetime(2026, 11, 30, 11, 30, tzinfo=UTC)
        note = urgent.notes.get()
        assert (note.kind, note.action, note.author) == ("closed", "safety_plan", personas.practitioner)
        assert ("update", "alert") in audit_trail(personas.practitioner)
        assert "Alert follow-up" in text
        assert "Urgent alert closed by Pat Practitioner: Safety plan reviewed. “Called; we went through the safety plan together.”" in text
        assert "Earlier alerts (1)" in text  # closed alerts stay visible in the history

    def test_the_one_click_button_sends_an_urgent_alert_to_the_form(self, client, personas, urgent):
        response = signed_in(client, personas.practitioner).post(url(urgent, "followed-up"))
        assert response.status_code == 302 and response["Location"] == url(urgent)
        urgent.refresh_from_db()
        assert urgent.resolved_at is None

    def test_a_supervisor_may_not_close_it_unless_the_agency_allows(self, client, personas, urgent):
        supervisor = signed_in(client, personas.supervisor)
        assert supervisor.post(url(urgent), {"action": "other", "note": "x"}).status_code == 403
        agency = AgencySettings.current()
        agency.supervisors_may_close = True
        agency.save()
        assert supervisor.post(url(urgent), {"action": "referred", "note": "Referred to the crisis team."}).status_code == 302
        urgent.refresh_from_db()
        assert urgent.resolved_by == personas.supervisor

    def test_a_teammate_or_stranger_finds_nothing(self, client, personas, urgent):
        for person in (personas.teammate, personas.stranger):
            assert signed_in(client, person).get(url(urgent)).status_code == 404
            assert signed_in(client, person).post(url(urgent, "acknowledge")).status_code == 404

    @pytest.mark.parametrize("bad_id", BAD_IDS)
    def test_a_bad_id_is_404(self, client, personas, bad_id):
        assert signed_in(client, personas.practitioner).get(f"/alerts/{bad_id}/follow-up/").status_code == 404
        assert signed_in(client, personas.practitioner).post(f"/alerts/{bad_id}/acknowledge/").status_code == 404


class TestAcknowledging:
    def test_a_supervisor_acknowledges_with_a_note_which_stops_escalation_but_leaves_it_open(self, client, personas, urgent):
        response = signed_in(client, personas.supervisor).post(url(urgent, "acknowledge"), {"note": "Spoke to Pat; she is calling."})
        assert response.status_code == 302
        urgent.refresh_from_db()
        assert urgent.acknowledged_by == personas.supervisor and urgent.resolved_at is None
        assert urgent.notes.get().note == "Spoke to Pat; she is calling."
        assert ("update", "alert") in audit_trail(personas.supervisor)
        text = visible_text(client.get(f"/clients/{personas.client.pk}/"))
        assert "Urgent alert acknowledged by Sue Supervisor. “Spoke to Pat; she is calling.”" in text
        assert "Add a note" in text  # a supervisor can keep adding notes; only the practitioner records the follow-up

    def test_the_practitioners_im_on_it_is_an_acknowledgement(self, client, personas, urgent):
        signed_in(client, personas.practitioner).post(url(urgent, "acknowledge"))
        urgent.refresh_from_db()
        assert urgent.acknowledged_by == personas.practitioner
        assert AlertNote.objects.get(alert=urgent).kind == "acknowledged"

    def test_get_is_not_allowed(self, client, personas, urgent):
        assert signed_in(client, personas.practitioner).get(url(urgent, "acknowledge")).status_code == 405


def test_the_client_page_says_who_was_emailed_and_what_happens_next(client, personas, urgent):
    with time_machine.travel(NOW, tick=False):  # read when the alert was raised, not days after its deadline
        text = visible_text(signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/"))
    assert "Emailed Pat Practitioner: waiting to be sent" in text
    assert "If nobody acknowledges it by 30 Nov 2026, 14:00, the team&#x27;s supervisors will be told." in text
