"""The client page's relationship view: the client's check-in beside the conversation's metrics, per contact."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance import measures
from alliance.records import builders
from alliance.records.models import CheckinResponse
from tests.web.conversation_fixtures import QUESTIONS, WARM, analyzed
from tests.web.helpers import signed_in, visible_text


def relationship_checkin(contact, answers):
    score = measures.score("relationship-checkin", answers)
    return CheckinResponse.objects.create(
        client=contact.client, contact=contact, instrument_id="relationship-checkin",
        submitted_at=contact.starts_at + timedelta(hours=1), total=score.total, score=score.to_dict(),
    )


@pytest.fixture
def two_contacts(personas):
    now = timezone.now()
    earlier = builders.make_contact(personas.client, starts_at=now - timedelta(days=14), recording_consent="yes")
    later = builders.make_contact(personas.client, starts_at=now - timedelta(days=7), recording_consent="yes")
    return earlier, later


def client_page(client, user, personas) -> str:
    signed_in(client, user)
    response = client.get(f"/clients/{personas.client.pk}/")
    assert response.status_code == 200
    return visible_text(response)


def test_the_checkin_and_the_conversation_are_shown_side_by_side(client, personas, two_contacts):
    earlier, later = two_contacts
    warm = analyzed(earlier, WARM)
    analyzed(later, QUESTIONS)
    relationship_checkin(earlier, [4, 4, 3, 4, 4])
    relationship_checkin(later, [2, 1, 2, 2, 3])
    page = client_page(client, personas.practitioner, personas)
    assert "The relationship, from both sides" in page
    assert "3.8 of 4" in page and "Going well" in page
    assert "2 of 4" in page and "Worth a conversation" in page
    assert f"{round(warm.metrics['practitioner_talk_share'] * 100)}%" in page
    assert page.index(f"/contacts/{later.pk}/#conversation") < page.index(f"/contacts/{earlier.pk}/#conversation")


def test_with_two_contacts_on_each_side_both_are_drawn_over_time(client, personas, two_contacts):
    for contact, answers in zip(two_contacts, ([4, 4, 3, 4, 4], [2, 1, 2, 2, 3])):
        analyzed(contact, WARM)
        relationship_checkin(contact, answers)
    page = client_page(client, personas.practitioner, personas)
    assert "<title" in page and "How the client felt the relationship went</title>" in page
    assert "Reflections per question in the conversation</title>" in page


def test_a_contact_with_only_a_checkin_says_there_is_no_analyzed_conversation(client, personas, two_contacts):
    relationship_checkin(two_contacts[0], [3, 3, 3, 3, 3])
    page = client_page(client, personas.practitioner, personas)
    assert "No analysed conversation" in page


def test_without_either_side_the_view_explains_what_will_appear(client, personas):
    page = client_page(client, personas.practitioner, personas)
    assert "the two appear here side by side" in page


def test_the_supervisor_sees_the_relationship_view_too(client, personas, two_contacts):
    analyzed(two_contacts[1], WARM)
    page = client_page(client, personas.supervisor, personas)
    assert "The relationship, from both sides" in page and "No check-in" in page


def test_the_view_costs_the_same_queries_for_one_contact_or_many(client, personas, django_assert_num_queries):
    signed_in(client, personas.practitioner)
    from alliance.web.sections import relationship

    contact = builders.make_contact(personas.client, recording_consent="yes")
    analyzed(contact, WARM)
    relationship_checkin(contact, [3, 3, 3, 3, 3])
    with django_assert_num_queries(3):
        one = relationship.client_context(None, personas.client, True)
    for days in range(2, 8):
        more = builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=days), recording_consent="yes")
        analyzed(more, QUESTIONS)
        relationship_checkin(more, [2, 2, 2, 2, 2])
    with django_assert_num_queries(3):
        many = relationship.client_context(None, personas.client, True)
    assert (len(one["relationship_rows"]), len(many["relationship_rows"])) == (1, 7)
