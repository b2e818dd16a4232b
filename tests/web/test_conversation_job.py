"""The analyze_transcript job: the real parser and shipped coder, text kept or discarded as the agency chose."""

from __future__ import annotations

import logging

import pytest

from alliance.records import builders
from alliance.records.demo_conversations import session_text
from alliance.records.models import AgencySettings, Job
from tests.web.conversation_fixtures import QUESTIONS, WARM, analyzed

METRIC_KEYS = {
    "questions", "open_questions", "closed_questions", "reflections", "simple_reflections", "complex_reflections",
    "reflection_to_question_ratio", "percent_complex_reflections", "percent_open_questions", "practitioner_talk_share",
    "longest_practitioner_run", "advice_without_permission", "affirmations", "change_talk", "sustain_talk",
    "change_talk_share", "reflection_to_question_sureness",
}


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, recording_consent="yes")


def test_the_job_stores_codes_metrics_and_pipeline(contact):
    analysis = analyzed(contact, WARM)
    assert analysis.status == "done" and analysis.error == ""
    assert set(analysis.metrics) == METRIC_KEYS
    assert analysis.pipeline and analysis.result["pipeline"] == analysis.pipeline
    lines = [line for line in session_text(WARM).splitlines() if line.strip()]
    assert len(analysis.result["utterances"]) == len(lines)
    assert {u["role"] for u in analysis.result["utterances"]} == {"practitioner", "client"}
    assert Job.objects.get(payload__analysis_id=str(analysis.pk)).status == "done"


def test_an_agency_that_keeps_no_text_removes_it_once_the_roles_are_known_and_keeps_the_codes(contact):
    AgencySettings.objects.update_or_create(pk=1, defaults={"transcript_retention_days": 0})
    analysis = analyzed(contact, QUESTIONS)
    assert analysis.roles_confirmed  # the practitioner named themselves
    assert analysis.text_discarded and analysis.source_text == ""
    assert all("text" not in u and "codes" in u for u in analysis.result["utterances"])
    for item in analysis.result["feedback"]:
        assert "quotes" not in item
    every_line = [line.split(": ", 1)[1] for line in session_text(QUESTIONS).splitlines() if line.strip()]
    stored = str(analysis.result)
    assert not [line for line in every_line if len(line) > 25 and line in stored]


def test_by_default_the_words_and_the_quotes_are_kept_for_ninety_days(contact):
    assert AgencySettings.current().transcript_retention_days == 90
    analysis = analyzed(contact, QUESTIONS)
    assert not analysis.text_discarded
    assert analysis.source_text == session_text(QUESTIONS)
    assert analysis.result["utterances"][0]["text"].startswith("Right, so let's get through the forms.")


def test_a_transcript_the_parser_cannot_read_fails_with_its_sentence_naming_the_file(contact):
    analysis = analyzed(contact, text="WEBVTT\n\n1\n00:00:61.000 --> 00:00:62.000\nAlex: hello\n", name="session.vtt")
    assert analysis.status == "failed"
    assert analysis.error.startswith("session.vtt, line 4: ")
    assert Job.objects.get(payload__analysis_id=str(analysis.pk)).status == "done"  # the file was the problem, not the job


def test_nothing_from_the_transcript_reaches_the_log(contact, caplog):
    caplog.set_level(logging.DEBUG)
    analyzed(contact, WARM)
    assert "three in the morning" not in caplog.text.lower()
    assert "Three at night" not in caplog.text
    assert "sleep" not in caplog.text.lower()
