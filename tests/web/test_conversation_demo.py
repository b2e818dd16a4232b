"""The demo's conversations: invented sessions, analysed, on the demo practitioner's recent attended contacts."""

from __future__ import annotations

import random
from datetime import timedelta
from importlib import resources

import pytest
from django.utils import timezone

from alliance.records import builders
from alliance.records.demo import GOALS, World
from alliance.records.demo_conversations import (
    CONTACTS_PER_CLIENT,
    SESSION_FOR_GOAL,
    SESSIONS,
    extend,
    session_text,
)
from alliance.transcripts import parse


@pytest.fixture
def world(personas):
    now = timezone.now()
    contacts = [
        builders.make_contact(personas.client, starts_at=now - timedelta(days=d), recording_consent=consent, attendance=attendance)
        for d, consent, attendance in [(21, "yes", "attended"), (14, "no", "attended"), (7, "not_asked", "attended"), (3, "yes", "missed")]
    ]
    return World(
        rng=random.Random(1), today=now, users={"demo-practitioner": personas.practitioner},
        clients=[personas.client, personas.other_client], contacts={personas.client.pk: contacts},
    )


def test_every_demo_session_is_our_own_readable_transcript_with_both_roles():
    files = {p.name for p in resources.files("alliance.records.demo_sessions").iterdir() if not p.name.startswith("_")}
    assert set(SESSIONS) <= files
    assert set(SESSION_FOR_GOAL.values()) == set(SESSIONS)  # every invented session belongs to one story
    for name in SESSIONS:
        transcript = parse(session_text(name).encode(), practitioner=["Alex", "Alex Rivera"], name=name)
        assert len(transcript.utterances) >= 20
        assert {u.role for u in transcript.utterances} == {"practitioner", "client"}


def test_the_latest_attended_contacts_get_an_analyzed_conversation_and_consent(world, personas):
    builders.make_goal(personas.client, GOALS[0][0])
    made = extend(world)
    assert len(made) == CONTACTS_PER_CLIENT
    latest_attended = sorted(
        (c for c in world.contacts[personas.client.pk] if c.attendance == "attended"), key=lambda c: c.starts_at
    )[-CONTACTS_PER_CLIENT:]
    assert {a.contact_id for a in made} == {c.pk for c in latest_attended}  # never the other practitioner's client
    for analysis in made:
        analysis.contact.refresh_from_db()
        assert analysis.contact.recording_consent == "yes"
        assert analysis.status == "done" and analysis.metrics and analysis.result["feedback"]


def test_the_session_is_the_one_that_tells_the_clients_own_story(world, personas):
    builders.make_goal(personas.client, GOALS[4][0])  # feel less alone: the widower's session
    made = extend(world)
    assert [a.original_name for a in made] == ["loneliness_reflective.vtt"]


def test_a_client_whose_story_has_no_invented_session_gets_none(world, personas):
    personas.client.goals.all().delete()
    builders.make_goal(personas.client, GOALS[3][0])  # the job goal: no session was written for it
    assert extend(world) == []


def test_without_the_demo_practitioner_no_conversation_is_added(world):
    world.users = {}
    assert extend(world) == []
