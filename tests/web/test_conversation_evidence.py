"""The reflection journal: each prompt beside the evidence from the contact's analysis and relationship check-in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from alliance import measures
from alliance.records import builders
from alliance.records.models import CheckinResponse
from alliance.web.sections.conversations import reflection_evidence
from tests.web.conversation_fixtures import QUESTIONS, WARM, analyzed
from tests.web.helpers import signed_in, visible_text

PROMPTS = (
    "Did I listen fully?",
    "Did I respond empathetically?",
    "What did I learn about what matters to this client?",
    "What would I try differently?",
)


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, recording_consent="yes")


def relationship_checkin(contact, answers):
    score = measures.score("relationship-checkin", answers)
    return CheckinResponse.objects.create(
        client=contact.client, contact=contact, instrument_id="relationship-checkin",
        submitted_at=contact.starts_at + timedelta(hours=1), total=score.total, score=score.to_dict(),
    )


def test_each_prompt_has_evidence_from_the_analysis(contact):
    analyzed(contact, QUESTIONS)
    evidence = reflection_evidence(contact)
    assert list(evidence) == list(PROMPTS)
    metrics = contact.analyses.get().metrics
    assert evidence["Did I listen fully?"]["text"].startswith(
        f"You offered {metrics['reflections']} reflections and asked {metrics['questions']} questions"
    )


def test_the_evidence_links_to_the_turns_on_the_contact_page(contact):
    analyzed(contact, WARM)
    links = [link["href"] for value in reflection_evidence(contact).values() for link in value["links"]]
    assert links and all(href.startswith(f"/contacts/{contact.pk}/#utterance-") for href in links)


def test_the_clients_relationship_checkin_sits_beside_the_empathy_prompt(contact):
    relationship_checkin(contact, [3, 1, 3, 3, 3])
    evidence = reflection_evidence(contact)
    text = evidence["Did I respond empathetically?"]["text"]
    assert "In their relationship check-in the client answered 2.6 out of 4 on average (Worth a conversation)." in text
    assert "Lowest: “" in text


def test_without_analysis_or_checkin_there_is_no_evidence(contact):
    assert reflection_evidence(contact) == {}


def test_the_reflection_page_shows_the_prompts_beside_their_evidence(client, personas, contact):
    analyzed(contact, WARM)
    signed_in(client, personas.practitioner)
    page = visible_text(client.get(f"/contacts/{contact.pk}/reflection/"))
    assert "From this contact" in page
    for prompt in PROMPTS[:2]:
        assert f"<dt>{prompt}</dt>" in page
    assert f'href="/contacts/{contact.pk}/#utterance-' in page


def test_a_supervisor_cannot_open_the_journal_of_a_contact_they_do_not_own(client, personas, contact):
    analyzed(contact, WARM)
    signed_in(client, personas.supervisor)
    assert client.get(f"/contacts/{contact.pk}/reflection/").status_code == 403


def test_evidence_only_counts_finished_analyses(contact):
    analyzed(contact, text="not a transcript at all", name="bad.txt", session=WARM)
    assert contact.analyses.get().status == "failed"
    assert reflection_evidence(contact) == {}
