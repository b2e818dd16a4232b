"""Check-ins on a schedule: after each contact or every N days; emailed only where the client agreed
(recorded with who and when), otherwise listed with a copy button; one reminder after N days."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from alliance.records import builders, checkin_schedule
from alliance.records.jobs import run_worker
from alliance.records.models import CheckinLink, CheckinSchedule, Contact, Notification
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def url(client):
    return f"/clients/{client.pk}/checkin-schedule/"


def save(django_client, personas, **fields):
    data = {"mode": "every_days", "every_days": "7", "instruments": ["relationship-checkin"], **fields}
    return signed_in(django_client, personas.practitioner).post(url(personas.client), data)


class TestTheSchedulePage:
    def test_works_for_the_practitioner_and_is_audited(self, client, personas):
        with time_machine.travel(NOW, tick=False):
            assert signed_in(client, personas.practitioner).get(url(personas.client)).status_code == 200
            assert save(client, personas).status_code == 302
        schedule = CheckinSchedule.objects.get(client=personas.client)
        assert (schedule.mode, schedule.every_days, schedule.send_by_email) == ("every_days", 7, False)
        assert ("update", "checkinschedule") in audit_trail(personas.practitioner)

    def test_a_supervisor_reads_but_may_not_change_it(self, client, personas):
        assert signed_in(client, personas.supervisor).get(url(personas.client)).status_code == 403

    def test_a_teammate_or_stranger_finds_nothing(self, client, personas):
        for person in (personas.teammate, personas.stranger):
            assert signed_in(client, person).get(url(personas.client)).status_code == 404

    @pytest.mark.parametrize("bad_id", BAD_IDS)
    def test_a_bad_id_is_404(self, client, personas, bad_id):
        assert signed_in(client, personas.practitioner).get(f"/clients/{bad_id}/checkin-schedule/").status_code == 404

    def test_email_needs_the_clients_recorded_agreement(self, client, personas):
        response = save(client, personas, send_by_email="on")
        assert response.status_code == 400
        assert "Email needs the client&#x27;s agreement, recorded above." in visible_text(response)

    def test_email_needs_an_address(self, client, personas):
        response = save(client, personas, send_by_email="on", consent="on")
        assert "The client has no email address yet" in visible_text(response)

    def test_consent_is_recorded_with_who_and_when(self, client, personas):
        personas.client.email = "casey@example.test"
        personas.client.save()
        with time_machine.travel(NOW, tick=False):
            save(client, personas, send_by_email="on", consent="on")
        schedule = CheckinSchedule.objects.get(client=personas.client)
        assert schedule.email_consent_at == NOW and schedule.email_consent_by == personas.practitioner
        assert schedule.send_by_email


def test_every_n_days_makes_a_link_now_then_every_n_days_listed_for_the_practitioner(client, personas):
    with time_machine.travel(NOW, tick=False):
        save(client, personas)
        assert checkin_schedule.tick()["scheduled"] == 1
        assert checkin_schedule.tick()["scheduled"] == 0
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        assert checkin_schedule.tick()["scheduled"] == 1
        text = visible_text(signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/"))
        # The copy box holds a working link: opened on the same clock, since it works for 7 days from NOW + 7 days.
        start = text.index('class="copy-box"')
        link_url = text[text.index('value="', start) + 7:text.index('" readonly', start)]
        opened = client.get(link_url.replace("http://testserver", ""))
    assert CheckinLink.objects.filter(client=personas.client, scheduled=True).count() == 2
    # The first link has just expired (links work for the agency's 7 days); the new one waits.
    assert "Waiting for an answer: 1 link." in text and "(today)" in text and "To pass on to the client" in text
    assert "Expired without an answer (1)" in text
    assert not Notification.objects.filter(kind="checkin_link").exists()  # no consent: nothing emailed
    assert opened.status_code == 200


def test_after_each_contact_makes_one_link_for_each_attended_contact(client, personas):
    with time_machine.travel(NOW, tick=False):
        signed_in(client, personas.practitioner).post(url(personas.client), {"mode": "after_contact", "instruments": ["relationship-checkin"]})
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        contact = builders.make_contact(personas.client, starts_at=NOW + timedelta(days=1), attendance=Contact.Attendance.ATTENDED)
        builders.make_contact(personas.client, starts_at=NOW + timedelta(days=1, hours=3), attendance=Contact.Attendance.CANCELLED_BY_CLIENT)
        assert checkin_schedule.tick()["scheduled"] == 1
        assert checkin_schedule.tick()["scheduled"] == 0
    assert CheckinLink.objects.get(client=personas.client).contact == contact


def test_with_consent_the_link_is_emailed_to_the_client_and_reminded_once(client, personas):
    personas.client.email = "casey@example.test"
    personas.client.save()
    with time_machine.travel(NOW, tick=False):
        save(client, personas, send_by_email="on", consent="on")
        run_worker(once=True, name="test")
        [message] = mail.outbox
        token_url = next(word for word in message.body.split() if "/checkin/" in word)
        # Opened on the same clock: the link works for 7 days from NOW, not from whenever the suite runs.
        opened = client.get(token_url.replace("http://127.0.0.1:8000", ""))
    assert message.to == ["casey@example.test"] and message.subject == "Your check-in"
    assert opened.status_code == 200
    with time_machine.travel(NOW + timedelta(days=3, minutes=1), tick=False):
        run_worker(once=True, name="test")
        run_worker(once=True, name="test")
        text = visible_text(signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/"))
    assert [m.subject for m in mail.outbox] == ["Your check-in", "A reminder: your check-in"]
    assert "Emailed to the client 30 Nov, reminded 3 Dec" in text


def test_expired_links_are_listed_apart(client, personas):
    from tests.web.checkin_helpers import new_link

    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        new_link(personas)
    with time_machine.travel(NOW, tick=False):
        text = visible_text(signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/"))
    assert "Expired without an answer (1)" in text
