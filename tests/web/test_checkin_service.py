"""Turning a client's check-ins and contacts into alerts: upserted by key, resolved when they no longer apply."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance.records import builders, checkin_service
from alliance.records.models import Alert, CheckinResponse, Contact
from tests.web.checkin_helpers import new_link


def answer(personas, instrument_id, values, *, when):
    link, _ = new_link(personas, (instrument_id,), now=when - timedelta(hours=1))
    result = checkin_service.submit(link.pk, {instrument_id: values}, now=when)
    assert result.status == "saved"
    return result


def open_kinds(client):
    return sorted(Alert.objects.filter(client=client, resolved_at__isnull=True).values_list("kind", flat=True))


def test_a_drop_in_the_relationship_check_in_opens_one_alert_and_recomputing_never_duplicates_it(personas):
    now = timezone.now()
    answer(personas, "relationship-checkin", [4, 4, 4, 4, 4], when=now - timedelta(days=7))
    answer(personas, "relationship-checkin", [4, 3, 4, 4, 4], when=now - timedelta(days=1))
    assert open_kinds(personas.client) == ["relationship_drop"]
    update = checkin_service.recompute_alerts(personas.client)
    assert (update.opened, update.updated) == (0, 0)
    assert Alert.objects.filter(client=personas.client).count() == 1


def test_an_alert_that_no_longer_applies_is_resolved(personas):
    now = timezone.now()
    answer(personas, "relationship-checkin", [4, 4, 4, 4, 4], when=now - timedelta(days=14))
    answer(personas, "relationship-checkin", [3, 3, 3, 3, 3], when=now - timedelta(days=7))
    assert open_kinds(personas.client) == ["relationship_drop"]
    answer(personas, "relationship-checkin", [4, 4, 4, 4, 4], when=now - timedelta(days=1))
    assert open_kinds(personas.client) == []
    assert Alert.objects.get(kind="relationship_drop").resolved_at is not None


def test_a_reliable_deterioration_opens_an_alert_with_both_totals_as_evidence(personas):
    now = timezone.now()
    answer(personas, "phq-9", [1, 1, 1, 1, 1, 0, 0, 0, 0], when=now - timedelta(days=30))
    answer(personas, "phq-9", [2, 2, 2, 2, 1, 1, 1, 0, 0], when=now - timedelta(days=1))
    alert = Alert.objects.get(client=personas.client, kind="deterioration")
    assert (alert.evidence["first"]["total"], alert.evidence["latest"]["total"]) == (5, 11)


def test_a_critical_answer_stays_open_after_a_calmer_check_in_until_someone_follows_it_up(personas):
    now = timezone.now()
    answer(personas, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 1], when=now - timedelta(days=8))
    answer(personas, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], when=now - timedelta(days=1))
    alert = Alert.objects.get(kind="critical_item")
    assert alert.resolved_at is None
    checkin_service.mark_followed_up(alert, personas.practitioner)
    checkin_service.recompute_alerts(personas.client)
    alert.refresh_from_db()
    assert alert.resolved_at is not None and alert.resolved_by == personas.practitioner


def test_two_missed_contacts_in_a_row_open_an_alert_when_the_contact_is_saved(personas, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        builders.make_contact(personas.client, starts_at=now - timedelta(days=21))
        builders.make_contact(personas.client, starts_at=now - timedelta(days=14), attendance=Contact.Attendance.MISSED)
    assert open_kinds(personas.client) == []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        builders.make_contact(personas.client, starts_at=now - timedelta(days=7), attendance=Contact.Attendance.CANCELLED_BY_CLIENT)
    assert len(callbacks) == 1
    assert open_kinds(personas.client) == ["missed_contacts"]


def test_one_transaction_recomputes_each_client_once_however_many_contacts_it_saves(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for days in (3, 2, 1):
            builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=days))
        builders.make_contact(personas.other_client)
    assert len(callbacks) == 2


def test_links_that_expired_unanswered_count_as_missed_check_ins(personas):
    now = timezone.now()
    for days in (30, 20):
        new_link(personas, now=now - timedelta(days=days), days=7)
    checkin_service.recompute_alerts(personas.client)
    assert open_kinds(personas.client) == ["missed_checkins"]


def test_a_second_submit_of_the_same_link_stores_nothing(personas):
    link, _ = new_link(personas)
    first = checkin_service.submit(link.pk, {"relationship-checkin": [4, 4, 4, 4, 4]})
    second = checkin_service.submit(link.pk, {"relationship-checkin": [0, 0, 0, 0, 0]})
    assert (first.status, second.status) == ("saved", "used")
    assert CheckinResponse.objects.count() == 1


def test_expected_change_bands_say_they_wait_for_enough_past_clients(personas):
    answer(personas, "phq-9", [2, 2, 2, 2, 2, 2, 0, 0, 0], when=timezone.now() - timedelta(days=1))
    history = checkin_service.client_history(personas.client)
    bands = checkin_service.alert_settings(personas.client, history).expected["phq-9"]
    assert not bands.enough
    assert "until then Alliance uses reliable change alone" in bands.message


def test_an_unknown_instrument_cannot_be_put_on_a_link(personas):
    from alliance.errors import MeasureError

    with pytest.raises(MeasureError) as caught:
        new_link(personas, ("wellbeing-99",))
    assert caught.value.code == "M001"


def test_a_fault_while_computing_alerts_never_loses_the_answers(personas, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("alert rules broke")

    monkeypatch.setattr(checkin_service.measures, "alerts", broken)
    link, _ = new_link(personas)
    assert checkin_service.submit(link.pk, {"relationship-checkin": [4, 4, 4, 4, 4]}).status == "saved"
    assert CheckinResponse.objects.filter(link=link).count() == 1
