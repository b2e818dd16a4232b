"""Session metrics on small sessions counted by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.coding.codes import Codes
from alliance.metrics import miti_context, practitioner_runs, session_metrics
from alliance.metrics.session import SessionMetrics
from alliance.report.labels import metric_notes, miti_sentence
from tests.core.coded_sessions import session

KEYS = [
    "questions", "open_questions", "closed_questions", "reflections", "simple_reflections",
    "complex_reflections", "reflection_to_question_ratio", "percent_complex_reflections",
    "percent_open_questions", "practitioner_talk_share", "longest_practitioner_run",
    "advice_without_permission", "affirmations", "change_talk", "sustain_talk", "change_talk_share",
    "reflection_to_question_sureness",
]


def hand_checked_session():
    return session(
        ("OQ", "What brings you here today?"),            # 0: 5 words
        ("C-", "My partner made me come."),                # 1: 5 words
        ("SR", "Coming was not your idea."),               # 2: 5 words
        ("C+", "No, but I know I drink too much."),       # 3: 8 words
        ("CR", "Part of you is already worried about it."),  # 4: 8 words
        ("CQ", "Is that right?"),                          # 5: 3 words
        ("C0", "Yes."),                                    # 6: 1 word
        ("CQ", "Do you drink every day?"),                 # 7: 5 words
        ("C+", "Most days. I want to cut down."),          # 8: 7 words
        ("AFF", "It took courage to say that."),           # 9: 6 words
        ("ADV!", "You should stop buying it."),            # 10: 5 words  } one run
        ("CR", "You want your evenings back."),            # 11: 5 words  } of 16 words
        ("C+", "I do."),                                   # 12: 2 words
    )


def test_metrics_match_a_session_counted_by_hand():
    m = session_metrics(*hand_checked_session())
    # Questions: 0 (open), 5 and 7 (closed) -> 3, 1 open, 2 closed.
    assert (m.questions, m.open_questions, m.closed_questions) == (3, 1, 2)
    # Reflections: 2 (simple), 4 and 11 (complex) -> 3, 1 simple, 2 complex.
    assert (m.reflections, m.simple_reflections, m.complex_reflections) == (3, 1, 2)
    assert m.reflection_to_question_ratio == 1.0  # 3 / 3
    assert m.percent_complex_reflections == 66.7  # 2 / 3
    assert m.percent_open_questions == 33.3  # 1 / 3
    # Practitioner words 5+5+8+3+5+6+5+5 = 42 of 42 + 5+8+1+7+2 = 65 words.
    assert m.practitioner_talk_share == round(42 / 65, 3) == 0.646
    # Longest run: turns 9-11, 6+5+5 = 16 words.
    assert m.longest_practitioner_run == 16
    assert (m.advice_without_permission, m.affirmations) == (1, 1)
    # Change talk at 3, 8, 12; sustain at 1.
    assert (m.change_talk, m.sustain_talk, m.change_talk_share) == (3, 1, 0.75)


def test_metrics_dict_has_exactly_the_documented_keys_in_order():
    assert list(session_metrics(*hand_checked_session()).to_dict()) == KEYS


def test_ratios_and_percentages_are_none_when_their_denominator_is_zero():
    m = session_metrics(*session(("INFO", "The group meets on Tuesdays."), ("C0", "Okay.")))
    assert m.questions == m.reflections == 0
    assert m.reflection_to_question_ratio is None
    assert m.percent_complex_reflections is None
    assert m.percent_open_questions is None
    assert m.change_talk_share is None
    assert m.practitioner_talk_share == round(5 / 6, 3)


def test_talk_share_is_none_when_no_one_says_a_word():
    m = session_metrics(*session(("OTH", ""), ("C0", "")))
    assert m.practitioner_talk_share is None
    assert m.longest_practitioner_run == 0


def test_a_question_without_a_type_counts_as_a_question_but_neither_open_nor_closed():
    transcript, codes = session(("OQ", "How is it going?"), ("OQ", "Anything else?"))
    codes[1] = Codes(behaviour="question")
    m = session_metrics(transcript, codes)
    assert (m.questions, m.open_questions, m.closed_questions) == (2, 1, 0)
    assert m.percent_open_questions == 100.0


def test_codes_on_the_wrong_speaker_are_not_counted():
    transcript, codes = session(("C0", "Why do you ask?"), ("OQ", "What would help?"))
    codes[0] = Codes(behaviour="question", question="closed", affirmation=True)
    codes[1] = Codes(behaviour="question", question="open", client_talk="change")
    m = session_metrics(transcript, codes)
    assert (m.questions, m.closed_questions, m.affirmations, m.change_talk) == (1, 0, 0, 0)


def test_another_persons_turn_ends_a_practitioner_run():
    transcript, _ = session(("OQ", "one two three"), ("X", "interpreting"), ("SR", "four five"), ("CR", "six"))
    assert [(r.indexes, r.words) for r in practitioner_runs(transcript)] == [((0,), 3), ((2, 3), 3)]


def test_codes_must_match_the_utterances_one_to_one():
    transcript, codes = session(("OQ", "What now?"), ("C0", "Dunno."))
    with pytest.raises(ValueError, match="expected 2 codes"):
        session_metrics(transcript, codes[:1])


@pytest.mark.parametrize(
    ("ratio", "levels"),
    [(0.5, "below fair"), (1.0, "fair"), (1.99, "fair"), (2.0, "good"), (None, None)],
)
def test_miti_context_places_r_q_against_fair_and_good(ratio, levels):
    metrics = SessionMetrics(**{**dict.fromkeys(KEYS, 0), "reflection_to_question_ratio": ratio,
                                "percent_complex_reflections": 55.0, "reflection_to_question_sureness": None})
    context = miti_context(metrics)
    assert context.summaries[0].level == levels


@pytest.mark.parametrize(("sureness", "level"), [(0.59, None), (0.6, "good"), (None, "good")])
def test_r_q_is_placed_against_the_levels_only_where_the_coder_is_sure_enough_of_its_band(sureness, level):
    """Sureness: how often R:Q lands in its band when the turns are drawn from their probabilities (None: hand-set codes)."""
    metrics = SessionMetrics(**{**dict.fromkeys(KEYS, 0), "questions": 2, "reflections": 5, "reflection_to_question_ratio": 2.5,
                                "percent_complex_reflections": 55.0, "reflection_to_question_sureness": sureness})
    rq = miti_context(metrics).summaries[0]
    assert (rq.value, rq.level) == (2.5, level)
    notes = metric_notes(miti_context(metrics))
    if level is None:
        assert rq.to_dict()["note"] == (
            "Alliance is not sure enough of this session's questions and reflections to say on which side of MITI's levels "
            "R:Q falls (with few turns, or several unsure ones, one turn more or less moves it), so it is not placed "
            "against them for this session.")
        assert miti_sentence(rq) == rq.note
        assert f"Reflections per question (R:Q): {rq.note}" in notes
    else:
        assert rq.note == "" and not any(line.startswith("Reflections per question") for line in notes)


def _turns(*behaviours):
    """Practitioner turns as (label, calibrated P(question), P(reflection)), each followed by a neutral client turn."""
    transcript, codes = session(*[turn for label, _, _ in behaviours for turn in ((label, "Words."), ("C0", "Yes."))])
    for k, (_, p_question, p_reflection) in enumerate(behaviours):
        other = max(0.0, 1.0 - p_question - p_reflection)
        codes[2 * k] = replace(codes[2 * k], probabilities={"behaviour": {
            "question": p_question, "reflection": p_reflection, "therapist_input": other, "other": 0.0}})
    return transcript, codes


def test_sureness_is_high_when_many_sure_turns_sit_far_from_a_line_and_low_over_a_few_unsure_ones():
    sure = _turns(*[("SR", 0.02, 0.95)] * 12, *[("OQ", 0.95, 0.03)] * 4)  # R:Q 3: good, far from 2
    sure_metrics = session_metrics(*sure)
    assert sure_metrics.reflection_to_question_sureness >= 0.95
    assert miti_context(sure_metrics).summaries[0].level == "good"
    unsure = _turns(("SR", 0.45, 0.5), ("OQ", 0.5, 0.45), ("SR", 0.4, 0.5))  # few turns, each could be the other
    unsure_metrics = session_metrics(*unsure)
    assert unsure_metrics.reflection_to_question_sureness < 0.6
    assert miti_context(unsure_metrics).summaries[0].level is None
    assert session_metrics(*unsure).reflection_to_question_sureness == unsure_metrics.reflection_to_question_sureness  # same draws


def test_hand_set_codes_without_probabilities_count_as_certain():
    transcript, codes = session(("OQ", "How was it?"), ("C0", "Fine."), ("SR", "It went fine."))
    metrics = session_metrics(transcript, codes)
    assert metrics.reflection_to_question_sureness is None and miti_context(metrics).summaries[0].level == "fair"


def test_complex_reflections_are_never_placed_against_miti_levels_they_cannot_carry():
    """%CR from the coder barely follows the experts' (metrics/validity.py): a note, never a level."""
    metrics = SessionMetrics(**{**dict.fromkeys(KEYS, 0), "reflection_to_question_ratio": 1.0, "percent_complex_reflections": 55.0})
    cr = miti_context(metrics).summaries[1]
    assert (cr.key, cr.value, cr.level) == ("percent_complex_reflections", 55.0, None)
    assert cr.to_dict()["note"].startswith("Telling simple from complex reflections is the coder's least reliable call")
    assert [(s.fair, s.good) for s in miti_context(metrics).summaries] == [(1.0, 2.0), (40.0, 50.0)]


def test_miti_context_carries_the_expert_opinion_caveat():
    data = miti_context(session_metrics(*hand_checked_session())).to_dict()
    assert "expert opinion" in data["caveat"]
    assert data["source"] == "MITI 4.2.1"
    assert "separately" in data["questions_note"]


LABELS = ["OQ", "CQ", "SR", "CR", "INFO", "ADV", "ADV!", "AFF", "OTH", "C+", "C-", "C0", "X"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), st.text(st.sampled_from("ab "), max_size=30)), max_size=30))
def test_any_session_gives_counts_that_add_up_and_ratios_in_range(turns):
    m = session_metrics(*session(*turns))
    assert m.open_questions + m.closed_questions == m.questions
    assert m.simple_reflections + m.complex_reflections == m.reflections
    assert (m.reflection_to_question_ratio is None) == (m.questions == 0)
    assert (m.percent_complex_reflections is None) == (m.reflections == 0)
    assert (m.change_talk_share is None) == (m.change_talk + m.sustain_talk == 0)
    for percent in (m.percent_complex_reflections, m.percent_open_questions):
        assert percent is None or 0 <= percent <= 100
    for share in (m.practitioner_talk_share, m.change_talk_share):
        assert share is None or 0 <= share <= 1
    practitioner_words = sum(len(text.split()) for label, text in turns if label not in ("C+", "C-", "C0", "X"))
    assert 0 <= m.longest_practitioner_run <= practitioner_words


def test_every_metric_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert [key for key in KEYS if f"| `{key}` |" not in doc] == []
