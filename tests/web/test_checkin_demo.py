"""The demo's check-ins: months of answers, with a rupture, a deterioration, a recovery and a critical answer weeks ago.

The demo is built under a controlled clock at several hours of the day (and on another
day), because its stories once depended on the hour it was built: the suite went red in
the afternoon.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from alliance import measures
from alliance.records.demo import build_demo
from alliance.records.models import (
    Alert,
    CheckinAnswer,
    CheckinResponse,
    Client,
    Contact,
    Team,
    User,
)

BUILT_AT = (
    datetime(2026, 11, 29, 3, 5, tzinfo=UTC),  # before anyone's working day
    datetime(2026, 11, 29, 13, 30, tzinfo=UTC),  # the afternoon, when the suite used to go red
    datetime(2026, 11, 29, 23, 55, tzinfo=UTC),  # just before midnight
    datetime(2027, 3, 1, 17, 0, tzinfo=UTC),  # another day (after a short month)
)


@pytest.fixture(scope="module", params=BUILT_AT, ids=lambda when: when.strftime("%Y-%m-%dT%H:%M"))
def demo(request, django_db_setup, django_db_blocker):
    with time_machine.travel(request.param, tick=False), django_db_blocker.unblock():
        world = build_demo()
        yield world
        # Built outside the per-test transactions, so tidy up for the tests that follow.
        Client.objects.filter(is_demo=True).delete()  # cascades to contacts, check-ins and alerts
        User.objects.filter(is_demo=True).delete()
        Team.objects.filter(is_demo=True).delete()


def open_alerts(kind):
    return Alert.objects.filter(kind=kind, resolved_at__isnull=True, client__practitioner__username="demo-practitioner")


@pytest.mark.django_db
def test_the_demo_holds_months_of_check_ins_stored_item_by_item(demo):
    responses = CheckinResponse.objects.filter(client__is_demo=True)
    first, last = responses.order_by("submitted_at").first(), responses.order_by("submitted_at").last()
    assert responses.count() > 200
    assert last.submitted_at - first.submitted_at > timedelta(days=90)
    assert {r.instrument_id for r in responses} == {"relationship-checkin", "phq-9", "gad-7"}
    sample = responses.filter(instrument_id="phq-9").first()
    assert CheckinAnswer.objects.filter(response=sample).count() == 9
    assert responses.filter(language="es").exists()


@pytest.mark.django_db
def test_the_demo_practitioner_has_a_rupture_a_deterioration_and_a_critical_answer_weeks_ago(demo):
    # The rupture is one event, so one alert: low, and saying how far it fell.
    rupture = open_alerts("relationship_low").filter(message__contains="It was").get()
    assert not open_alerts("relationship_drop").filter(client=rupture.client).exists()
    assert open_alerts("deterioration").exists()
    critical = open_alerts("critical_item").get()
    assert timezone.now().date().isoformat() > critical.evidence["when"]
    assert (timezone.now().date() - timezone.datetime.fromisoformat(critical.evidence["when"]).date()).days >= 14
    assert open_alerts("missed_checkins").exists()


@pytest.mark.django_db
def test_the_demo_has_a_client_who_recovered_on_the_phq_9(demo):
    recovered = []
    for client in Client.objects.filter(is_demo=True, practitioner__username="demo-practitioner"):
        totals = list(client.checkins.filter(instrument_id="phq-9").order_by("submitted_at").values_list("total", flat=True))
        if len(totals) >= 2 and measures.change("phq-9", totals[0], totals[-1]).category == "recovered":
            recovered.append(client)
    assert recovered


@pytest.mark.django_db
def test_the_demo_plans_its_next_contacts_in_working_hours(demo):
    planned = Contact.objects.filter(client__is_demo=True, attendance=Contact.Attendance.PLANNED)
    assert planned.exists()
    assert all(9 <= timezone.localtime(c.starts_at).hour <= 17 for c in planned)
    assert all(c.starts_at > timezone.now() for c in planned)


@pytest.mark.django_db
def test_the_demo_tells_the_same_stories_whatever_the_hour_it_is_built(demo):
    """Every build (each hour of BUILT_AT) yields the same check-ins, relative to its own day."""
    day = timezone.localtime(timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    shape = sorted(
        (str(day - r.submitted_at), r.instrument_id, r.total)
        for r in CheckinResponse.objects.filter(client__practitioner__username="demo-practitioner")
    )
    first = _SHAPES.setdefault("first", shape)
    assert shape == first


_SHAPES: dict = {}


@pytest.mark.django_db
def test_each_demo_clients_conversations_match_their_own_story(demo):
    """A mother's record never holds a widower's session: the session fits the client's goal, pronouns and name."""
    from alliance.records.demo import NAMES_FOR
    from alliance.records.demo_conversations import SESSION_FOR_GOAL
    from alliance.records.models import ConversationAnalysis

    analyses = list(ConversationAnalysis.objects.filter(contact__client__is_demo=True).select_related("contact__client"))
    assert len(analyses) >= 6
    fits = {"loneliness_reflective.vtt": "he/him", "drinking_weekends_mixed.txt": "he/him",
            "parenting_advice_heavy.txt": "she/her", "sleep_and_work_warm.txt": "she/her", "rent_arrears_questions.txt": "she/her"}
    for analysis in analyses:
        client = analysis.contact.client
        goal = client.goals.order_by("created_at").first()
        assert SESSION_FOR_GOAL[goal.text] == analysis.original_name, client.pk
        assert client.pronouns == fits[analysis.original_name], client.pk
        other = "she/her" if client.pronouns == "he/him" else "he/him"
        assert client.name.split()[0] not in NAMES_FOR[other], client.pk
    per_client = [a.contact.client_id for a in analyses]
    assert len(per_client) == len(set(per_client))  # never the same invented conversation twice on one record


@pytest.mark.django_db
def test_the_demo_keeps_a_widowers_reflections_and_profile_on_a_widowers_record(demo):
    from alliance.records.models import CulturalProfile, Reflection

    for profile in CulturalProfile.objects.filter(client__is_demo=True, what_matters="Keeping my independence."):
        assert profile.client.goals.first().text.startswith("Feel less alone"), profile.client_id
    for reflection in Reflection.objects.filter(contact__client__is_demo=True, learned_what_matters__startswith="Her kids"):
        assert reflection.contact.client.pronouns == "she/her"
