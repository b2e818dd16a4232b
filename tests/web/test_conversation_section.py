"""The contact page's Conversation section: the upload form, the waiting state, and the analysed conversation."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from alliance.records import builders
from alliance.records.models import AgencySettings
from tests.web.conversation_fixtures import QUESTIONS, WARM, analyzed
from tests.web.helpers import signed_in, visible_text


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, recording_consent="yes")


def contact_page(client, user, contact) -> str:
    signed_in(client, user)
    response = client.get(f"/contacts/{contact.pk}/")
    assert response.status_code == 200
    return visible_text(response)


def test_with_consent_the_practitioner_is_offered_the_upload_form(client, personas, contact):
    page = contact_page(client, personas.practitioner, contact)
    assert "Conversation" in page and "Analyse the transcript" in page


def test_the_supervisor_sees_the_section_but_no_upload_form(client, personas, contact):
    page = contact_page(client, personas.supervisor, contact)
    assert "No transcript has been analysed for this contact." in page
    assert "Analyse the transcript" not in page


def test_without_consent_the_practitioner_is_told_why_and_where_to_record_it(client, personas):
    contact = builders.make_contact(personas.client, recording_consent="not_asked")
    page = contact_page(client, personas.practitioner, contact)
    assert "Transcripts can only be analysed when the client has agreed to it for this contact." in page
    assert f'href="/contacts/{contact.pk}/edit/"' in page
    assert "Analyse the transcript" not in page


def test_the_analyzed_conversation_shows_codes_as_words_metrics_with_miti_context_and_feedback(client, personas, contact):
    analyzed(contact, QUESTIONS)
    page = contact_page(client, personas.practitioner, contact)
    for words in ("Closed question", "Reflections per question (R:Q)", "Complex reflections (%CR)",
                  "Open questions", "share of the words", "expert opinion"):
        assert words in page
    assert re.search(r'class="code closed_question">Closed question<', page)
    assert "Advice without permission" in page


def test_every_feedback_link_leads_to_a_turn_on_the_page(client, personas, contact):
    analyzed(contact, QUESTIONS)
    page = contact_page(client, personas.practitioner, contact)
    targets = set(re.findall(r'href="#utterance-(\d+)"', page))
    assert targets
    anchors = set(re.findall(r'id="utterance-(\d+)"', page))
    assert targets <= anchors


def test_when_the_agency_keeps_no_text_the_turns_show_codes_and_a_note_but_no_words(client, personas, contact):
    AgencySettings.objects.update_or_create(pk=1, defaults={"transcript_retention_days": 0})
    analyzed(contact, WARM)
    page = contact_page(client, personas.practitioner, contact)
    assert "The transcript text is no longer kept" in page
    assert "Three in the morning, wide awake" not in page
    assert "Complex reflection" in page or "Simple reflection" in page


def test_by_default_the_turns_show_the_words_and_when_they_will_be_removed(client, personas, contact):
    analyzed(contact, WARM)
    page = contact_page(client, personas.practitioner, contact)
    assert "Three in the morning, wide awake, and the night feels very long." in page
    assert "The transcript text is kept until" in page and "no longer kept" not in page


def test_a_failed_analysis_shows_the_reason_and_offers_the_form_again(client, personas, contact):
    analyzed(contact, text="Alex hello there\nClient hi\n", name="notes.txt", session=WARM)
    page = contact_page(client, personas.practitioner, contact)
    assert "Could not be analysed" in page
    assert "notes.txt, line 1:" in page
    assert "You can fix the file and upload it again below." in page
    assert "Analyse the transcript" in page


def test_the_contact_page_is_read_with_a_fixed_number_of_queries(client, personas, contact, django_assert_max_num_queries):
    analyzed(contact, QUESTIONS)
    signed_in(client, personas.practitioner)
    with django_assert_max_num_queries(25):
        assert client.get(f"/contacts/{contact.pk}/").status_code == 200


def test_the_analyzed_conversation_offers_unsure_moments_as_questions_and_says_why(client, personas, contact):
    analysis = analyzed(contact, QUESTIONS)
    forms = {item["form"] for item in analysis.result["feedback"]}
    page = contact_page(client, personas.practitioner, contact)
    assert "Feedback states only what the coder is sure of" in page
    if "question" in forms:
        assert "To reflect on" in page
    for item in analysis.result["feedback"]:
        assert escape(item["message"]) in page
        assert item["form"] in ("statement", "question")
        assert (item["form"] == "question") == (item["claims"] == []) or item["kind"] in ("long_turn", "talk_share")


def test_a_transcript_without_punctuation_is_shown_with_a_note_on_what_that_means_for_the_codes(client, personas, contact):
    from alliance.coding.augment import unpunctuated
    from alliance.records.demo_conversations import session_text
    from alliance.report.labels import CODING_NOTES

    lines = [line.split(": ", 1) for line in session_text(WARM).splitlines() if ": " in line]
    captions = "\n".join(f"{speaker}: {unpunctuated(words)}" for speaker, words in lines)
    analysis = analyzed(contact, text=captions, name="captions.txt")
    assert analysis.result["pipeline"]["model"]["variant"] == "captions"
    page = contact_page(client, personas.practitioner, contact)
    assert CODING_NOTES["captions"] in page


def test_an_edited_transcript_gets_no_note_on_its_text(client, personas, contact):
    analyzed(contact, WARM)
    assert "little or no punctuation" not in contact_page(client, personas.practitioner, contact)
