"""Urgent answers reach a person: the practitioner at once, then supervisors, then the duty address.

Sent by the jobs worker to a real SMTP server on loopback (aiosmtpd), under a controlled clock.
No email holds the client's name, their answers or any clinical detail.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import override_settings

from alliance.records import checkin_service, notifications
from alliance.records.jobs import run_worker
from alliance.records.models import AgencySettings, Alert, AlertNote, Notification
from tests.smtp_server import Inbox, LoopbackSMTP
from tests.web.checkin_helpers import form_data, new_link

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
PHQ9_CRITICAL = [1, 1, 1, 1, 1, 1, 1, 1, 2]  # item 9 "More than half the days"


@pytest.fixture
def smtp():
    server = LoopbackSMTP().start()
    smtp_settings = dict(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                         EMAIL_PORT=server.port, EMAIL_TIMEOUT=5, ALLIANCE_BASE_URL="https://alliance.test")
    with override_settings(**smtp_settings):
        yield server
    server.stop()


@pytest.fixture
def staff(personas):
    for person, address in ((personas.practitioner, "pat@agency.test"), (personas.supervisor, "sue@agency.test")):
        person.email = address
        person.save(update_fields=["email"])
    agency = AgencySettings.current()
    agency.duty_email = "duty@agency.test"
    agency.save()
    return personas


def critical_answer(client, personas):
    link, token = new_link(personas, instruments=("phq-9",))
    response = client.post(f"/checkin/{token}/", form_data({"phq-9": PHQ9_CRITICAL}))
    assert response.status_code == 200 and "Please read this now" in response.content.decode()
    return Alert.objects.get(kind="critical_item")


def work():
    run_worker(once=True, name="test-worker")


def test_the_practitioner_is_emailed_at_once_without_any_client_detail(client, staff, smtp):
    with time_machine.travel(MONDAY_10, tick=False):
        alert = critical_answer(client, staff)
        work()
    [(rcpt, message)] = smtp.inbox.wait_for(1)
    assert rcpt == ["pat@agency.test"]
    text = Inbox.text(message)
    assert message["Subject"] == "A client on your caseload needs a response today"
    assert f"https://alliance.test/clients/{staff.client.pk}/" in text
    for secret in ("Casey", "Client", "Several days", "More than half the days", "PHQ", "dead", "self-harm", "hurting"):
        assert secret not in text, secret
    sent = alert.notifications.get()
    assert (sent.kind, sent.status, sent.recipient) == ("urgent", "sent", staff.practitioner)


def test_nobody_acknowledging_escalates_to_supervisors_after_four_working_hours_then_to_the_duty_address(client, staff, smtp):
    with time_machine.travel(MONDAY_10, tick=False):
        alert = critical_answer(client, staff)
        work()
    smtp.inbox.wait_for(1)
    with time_machine.travel(datetime(2026, 11, 30, 13, 59, tzinfo=UTC), tick=False):
        work()
    assert len(smtp.inbox.received) == 1  # not yet
    with time_machine.travel(datetime(2026, 11, 30, 14, 0, tzinfo=UTC), tick=False):
        work()
    smtp.inbox.wait_for(2)
    [to_sue] = smtp.inbox.to("sue@agency.test")
    assert to_sue["Subject"].startswith("Not yet acknowledged")
    assert "Pat Practitioner's caseload" in Inbox.text(to_sue) and "Casey" not in Inbox.text(to_sue)
    # Four more working hours: 14:00-17:00 on Monday, then 09:00-10:00 on Tuesday.
    with time_machine.travel(datetime(2026, 12, 1, 9, 59, tzinfo=UTC), tick=False):
        work()
    assert smtp.inbox.to("duty@agency.test") == []
    with time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=UTC), tick=False):
        work()
    smtp.inbox.wait_for(3)
    [to_duty] = smtp.inbox.to("duty@agency.test")
    assert "Harbour Team" in Inbox.text(to_duty) and "Casey" not in Inbox.text(to_duty)
    assert list(alert.notifications.values_list("kind", flat=True)) == ["urgent", "supervisors", "duty"]
    with time_machine.travel(datetime(2026, 12, 9, 10, 0, tzinfo=UTC), tick=False):
        work()
    assert len(smtp.inbox.received) == 3  # the duty address is the last level


def test_an_acknowledged_alert_does_not_escalate(client, staff, smtp):
    with time_machine.travel(MONDAY_10, tick=False):
        alert = critical_answer(client, staff)
        work()
    with time_machine.travel(datetime(2026, 11, 30, 11, 0, tzinfo=UTC), tick=False):
        checkin_service.acknowledge_alert(alert, staff.practitioner, note="Calling them at noon.")
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=UTC), tick=False):
        work()
    assert [rcpt for rcpt, _ in smtp.inbox.wait_for(1)] == [["pat@agency.test"]]
    assert alert.notes.get().kind == AlertNote.Kind.ACKNOWLEDGED


def test_a_friday_evening_alert_escalates_on_monday_after_four_working_hours(client, staff, smtp):
    with time_machine.travel(datetime(2026, 11, 27, 18, 0, tzinfo=UTC), tick=False):
        alert = critical_answer(client, staff)
        work()
    with time_machine.travel(datetime(2026, 11, 30, 12, 59, tzinfo=UTC), tick=False):
        work()
    assert not alert.notifications.filter(kind="supervisors").exists()
    with time_machine.travel(datetime(2026, 11, 30, 13, 0, tzinfo=UTC), tick=False):
        work()
    assert alert.notifications.filter(kind="supervisors", status="sent").exists()


def test_a_failed_send_is_shown_on_the_alert_and_sent_when_the_server_is_back(client, staff):
    down = LoopbackSMTP()  # a free port with nothing listening yet
    settings = dict(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                    EMAIL_PORT=down.port, EMAIL_TIMEOUT=2)
    with override_settings(**settings):
        with time_machine.travel(MONDAY_10, tick=False):
            alert = critical_answer(client, staff)
            work()
        failed = alert.notifications.get()
        assert failed.status == "failed" and failed.attempts == 1
        assert failed.error == "ConnectionRefusedError while sending (attempt 1); it will be tried again."
        with time_machine.travel(datetime(2026, 11, 30, 10, 1, tzinfo=UTC), tick=False):  # between the try and the retry
            client.force_login(staff.practitioner)
            response = client.get(f"/clients/{staff.client.pk}/")
        assert "Sending failed" in response.content.decode()
        down.start()
        try:
            with time_machine.travel(datetime(2026, 11, 30, 10, 2, tzinfo=UTC), tick=False):
                work()
            [(rcpt, _)] = down.inbox.wait_for(1)
        finally:
            down.stop()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, rcpt) == ("sent", 2, ["pat@agency.test"])


def test_without_a_duty_address_the_last_step_is_shown_as_not_sent(client, staff, smtp):
    agency = AgencySettings.current()
    agency.duty_email = ""
    agency.save()
    staff.supervisor.is_active = False
    staff.supervisor.save()
    with time_machine.travel(MONDAY_10, tick=False):
        alert = critical_answer(client, staff)
        work()
    with time_machine.travel(datetime(2026, 11, 30, 14, 0, tzinfo=UTC), tick=False):
        work()  # no active supervisor: straight to the duty address, which is not set
    duty = alert.notifications.get(kind="duty")
    assert (duty.status, duty.error) == ("no_address", "No duty address is set in the agency settings.")


def test_notifications_are_logged_by_id_only(client, staff, smtp, caplog):
    with time_machine.travel(MONDAY_10, tick=False):
        critical_answer(client, staff)
        work()
    smtp.inbox.wait_for(1)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("alliance"))
    assert "notification.sent" in logged
    assert "Casey" not in logged and "pat@agency.test" not in logged


def test_the_daily_digest_goes_only_to_those_who_asked_once_a_day(client, staff, smtp):
    from alliance.records.models import NotificationPreference

    NotificationPreference.objects.create(user=staff.practitioner, daily_digest=True)
    Alert.objects.create(client=staff.client, kind="missed_contacts", key="k", urgency="attention", message="m")
    with time_machine.travel(datetime(2026, 11, 30, 8, 0, tzinfo=UTC), tick=False):
        assert notifications.send_digests(datetime(2026, 11, 30, 8, 0, tzinfo=UTC)) == 0  # before the working day
    with time_machine.travel(datetime(2026, 11, 30, 9, 30, tzinfo=UTC), tick=False):
        work()
        work()
    [(rcpt, message)] = smtp.inbox.wait_for(1)
    assert rcpt == ["pat@agency.test"] and message["Subject"] == "Alliance: 1 client on your caseload may need your attention"
    assert Notification.objects.filter(kind="digest").count() == 1


def test_a_practitioner_turns_the_daily_digest_on_for_themselves(client, personas):
    from alliance.records.models import NotificationPreference

    client.force_login(personas.practitioner)
    assert "Email me a daily digest" in client.get("/").content.decode()
    assert client.get("/account/email/").status_code == 200
    assert not NotificationPreference.objects.exists()  # reading the page writes nothing
    assert client.post("/account/email/", {"daily_digest": "on"}).status_code == 302
    assert NotificationPreference.objects.get(user=personas.practitioner).daily_digest is True
    client.logout()
    assert client.get("/account/email/").status_code == 302  # signed-in people only


def test_a_deployment_without_an_smtp_server_is_warned_that_urgent_emails_reach_nobody(settings):
    from alliance.web import checks

    settings.EMAIL_HOST = ""
    assert [w.id for w in checks.check_email(None)] == ["alliance.W004"]
    settings.EMAIL_HOST = "smtp.agency.test"
    assert checks.check_email(None) == []


def test_an_alert_found_while_replaying_history_is_timed_from_now_so_it_does_not_escalate_at_once(staff):
    """The demo recomputes alerts at past moments; the clock for escalation starts when the email is queued."""
    from datetime import timedelta

    with time_machine.travel(MONDAY_10, tick=False):
        link, _ = new_link(staff, instruments=("phq-9",), now=MONDAY_10 - timedelta(days=40))
        checkin_service.submit(link.pk, {"phq-9": PHQ9_CRITICAL}, now=MONDAY_10 - timedelta(days=40) + timedelta(hours=1))
        notifications.tick()
    alert = Alert.objects.get(kind="critical_item")
    assert [(n.kind, n.created_at) for n in alert.notifications.all()] == [("urgent", MONDAY_10)]


def test_a_practitioner_who_cannot_be_emailed_means_the_supervisors_are_told_at_once(client, staff, smtp):
    staff.practitioner.email = ""
    staff.practitioner.save(update_fields=["email"])
    with time_machine.travel(MONDAY_10, tick=False):
        alert = critical_answer(client, staff)
        work()
        work()  # the next tick sees nobody could be reached
    [(rcpt, _)] = smtp.inbox.wait_for(1)
    assert rcpt == ["sue@agency.test"]
    assert alert.notifications.get(kind="urgent").error == "This person has no email address in Alliance."
