"""The practice room's core: the drill bank, verdicts under the claims rule, scenarios, spacing, progress."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from alliance.coding.codes import Codes
from alliance.errors import AllianceError
from alliance.practice import (
    DrillAttempt,
    ScenarioAttempt,
    Seen,
    answer,
    get_drill,
    get_scenario,
    load_drills,
    load_scenarios,
    next_items,
    respond,
    skill_progress,
    topic_progress,
)
from alliance.practice.bank import Drill, drills_from_transcripts
from alliance.practice.scenarios import PRINCIPLES
from alliance.practice.tasks import TASKS
from alliance.practice.verdict import judge, transcript_for
from alliance.transcripts.model import Transcript, Utterance

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
DRILL = Drill(id="t-1", task="reflect", previous="How has the week been?",
              client="Honestly I'm exhausted, between the kids and the night shifts I never get a minute to myself.",
              reply="You're running on empty.", reply_codes={"behaviour": "reflection", "reflection": "complex"})


@pytest.fixture
def default_thresholds(monkeypatch):
    """The claims rule's default thresholds (claims.MIN_CONFIDENCE), not the tuned table the coder ships with.

    The verdict logic is checked against fixed thresholds; the tuned table changes as the coder is
    retuned (and may forbid a kind of claim altogether), which test_the_shipped_table_is_obeyed covers.
    """
    from alliance.feedback import claims

    monkeypatch.setattr(claims, "min_confidence",
                        lambda field, value: claims.MIN_CONFIDENCE.get((field, value), claims.DEFAULT_MIN_CONFIDENCE))


def coded(behaviour, p, *, question=None, reflection=None, sub=0.95, advice=False):
    """Codes as the coder returns them, with a calibrated distribution giving ``behaviour`` probability ``p``."""
    rest = (1 - p) / 3
    dist = {b: (p if b == behaviour else rest) for b in ("question", "reflection", "therapist_input", "other")}
    probabilities = {"behaviour": dist,
                     "question": {"open": sub if question == "open" else 1 - sub, "closed": sub if question == "closed" else 1 - sub},
                     "reflection": {"complex": sub if reflection == "complex" else 1 - sub,
                                    "simple": sub if reflection == "simple" else 1 - sub},
                     "input": {"advice": 0.9 if advice else 0.1, "information": 0.1, "negotiation": 0.0, "options": 0.0}}
    return Codes(behaviour=behaviour, question=question, reflection=reflection, advice_without_permission=advice,
                 affirmation=False, confidence=p, probabilities=probabilities)


def test_the_shipped_bank_has_recorded_and_written_drills_each_with_source_and_licence():
    drills = load_drills()
    assert len(drills) >= 60
    assert {d.task for d in drills} == set(TASKS)
    for d in drills:
        assert d.client and d.reply and d.source and d.licence
        assert d.reply_codes.get("behaviour")
    recorded = [d for d in drills if d.source.startswith("AnnoMI")]
    written = [d for d in drills if d.source == "team"]
    assert len(recorded) >= 40 and len(written) >= 10
    assert {d.topic for d in written} >= {"ruptures", "cultural humility", "dependency and autonomy", "boundaries"}
    assert len({d.id for d in drills}) == len(drills)


def test_the_bank_is_built_from_train_not_dev():
    dev = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "annomi" / "split_manifest.json"
    if not dev.is_file():
        pytest.skip("AnnoMI is not here")
    manifest = json.loads(dev.read_text())
    dev_ids = set(manifest["ids"]["dev"])
    assert dev_ids
    ids = {d.id.split("-")[1] for d in load_drills() if d.id.startswith("annomi-")}
    assert not ids & dev_ids


def test_drills_come_from_client_statements_between_two_practitioner_turns_with_the_experts_task():
    from alliance.coding.annomi_data import _gold

    def u(i, role, text, **gold):
        return Utterance(i, role, role, text, metadata={"utterance_id": i, "gold": _gold(gold)})

    words = "I keep thinking I should stop but all my friends are out every weekend and I would be alone"
    t = Transcript([
        u(0, "practitioner", "How is it going?"),
        u(1, "client", words, client_talk_type="sustain"),
        u(2, "practitioner", "You'd be alone.", main_therapist_behaviour="reflection", reflection_subtype="simple"),
        u(3, "client", words, client_talk_type="neutral"),
        u(4, "practitioner", "What would you miss?", main_therapist_behaviour="question", question_subtype="open"),
        u(5, "client", "short one", client_talk_type="neutral"),
        u(6, "practitioner", "And then?", main_therapist_behaviour="question", question_subtype="open"),
    ], metadata={"transcript_id": "9", "mi_quality": "high"})
    drills = drills_from_transcripts([t], topics={"9": "alcohol"})
    assert [(d.id, d.task, d.previous) for d in drills] == [
        ("annomi-9-4", "open_question", "You'd be alone."), ("annomi-9-2", "sustain_talk", "How is it going?"),
    ]
    assert drills[1].topic == "alcohol" and drills[1].source == "AnnoMI transcript 9, utterance 2"
    t.metadata["mi_quality"] = "low"
    assert drills_from_transcripts([t]) == []


def test_a_response_is_coded_as_the_practitioner_turn_after_the_client_statement():
    t = transcript_for(DRILL, "You're running on empty.")
    assert [u.role for u in t.utterances] == ["practitioner", "client", "practitioner"]
    t = transcript_for(Drill(id="x", task="reflect", client="I'm tired."), "Tired.")
    assert [u.role for u in t.utterances] == ["client", "practitioner"]


def test_a_sure_reflection_meets_a_reflection_drill(default_thresholds):
    v = judge(DRILL, coded("reflection", 0.97, reflection="simple", sub=0.99))
    assert v.outcome == "met"
    assert ("behaviour", "reflection") in v.claims
    assert v.says[0] == "Your response reads as a simple reflection (it stays close to the words)."
    assert v.says[-1] == "That is what this drill asked for."
    assert v.question is None


def test_a_sure_closed_question_is_named_and_the_task_is_said_kindly(default_thresholds):
    v = judge(DRILL, coded("question", 0.97, question="closed", sub=0.99))
    assert v.outcome == "other"
    assert v.claims == [("question", "closed"), ("behaviour", "question")]
    assert v.says == ["Your response reads as a closed question.", "This drill asked you to reflect what you heard."]
    assert v.tip.startswith("A reflection is a statement")


def test_where_the_coder_is_unsure_the_verdict_asks_and_asserts_nothing(default_thresholds):
    v = judge(DRILL, coded("reflection", 0.55, reflection="complex"))
    assert v.outcome == "unsure" and v.claims == []
    assert v.question == TASKS["reflect"].ask
    assert v.says == ["It may be a reflection, but Alliance isn't sure enough to name it, so it asks you instead."]


def test_a_complex_reflection_drill_asks_when_the_behaviour_is_sure_but_the_depth_is_not(default_thresholds):
    drill = Drill(id="c", task="complex_reflection", client=DRILL.client)
    v = judge(drill, coded("reflection", 0.97, reflection="complex", sub=0.6))
    assert v.claims == [("behaviour", "reflection")]
    assert v.outcome == "unsure"
    assert v.question == "Did your response go beyond the words, adding a feeling, a meaning or what might come next?"


def test_a_subtype_is_never_asserted_without_its_behaviour(default_thresholds):
    v = judge(DRILL, coded("question", 0.70, question="closed", sub=1.0))
    assert ("question", "closed") not in v.claims


def test_advice_without_permission_is_mentioned_only_when_sure(default_thresholds):
    v = judge(DRILL, coded("therapist_input", 0.97, advice=True))
    assert ("advice_without_permission", True) in v.claims
    assert "It also offers advice the person hasn't asked for; asking first keeps the choice with them." in v.says
    assert v.outcome == "other"


def test_the_shipped_table_is_obeyed_a_kind_it_never_allows_is_never_asserted():
    from alliance.feedback.claims import min_confidence

    v = judge(DRILL, coded("question", 0.999, question="closed", sub=0.999))
    assert ("behaviour", "question") in v.claims
    assert (("question", "closed") in v.claims) == (0.999 * 0.999 >= min_confidence("question", "closed"))


def test_the_real_coder_asserts_only_what_the_claims_rule_allows():
    from alliance.feedback.claims import sure
    from alliance.practice.verdict import code_response

    for text in ("So you feel stretched thin, with nothing left for yourself.", "Are you sleeping at all?",
                 "What would help you most right now?", "You should ask your family for help."):
        v = respond(DRILL, text)
        codes = code_response(DRILL, text)
        assert all(sure(codes, f, value) for f, value in v.claims)
        assert v.outcome in ("met", "other", "unsure")
        assert (v.outcome == "unsure") == (v.question is not None)


def test_empty_and_overlong_responses_get_a_plain_message():
    with pytest.raises(AllianceError) as e:
        respond(DRILL, "   ")
    assert str(e.value) == "Type a response first: what would you say to this person?"
    with pytest.raises(AllianceError) as e:
        respond(DRILL, "word " * 300)
    assert str(e.value) == ("Your response is 1499 characters long; please keep it under 1000, "
                            "as you might say it in one turn.")
    with pytest.raises(AllianceError) as e:
        get_drill("nope")
    assert str(e.value) == "There is no practice drill called 'nope'."


def test_at_least_forty_scenarios_cover_every_principle_with_one_best_option_each_explained():
    scenarios = load_scenarios()
    assert len(scenarios) >= 40
    assert {s.principle for s in scenarios} == set(PRINCIPLES)
    for s in scenarios:
        assert [o.letter for o in s.options] == ["A", "B", "C", "D"]
        assert sum(o.best for o in s.options) == 1
        assert all(o.rationale for o in s.options)
    # The best answer is not always in the same place.
    assert len({s.best.letter for s in scenarios}) == 4


def test_answering_a_scenario_gives_the_rationale_of_the_choice_and_the_best_option():
    s = get_scenario("rupture-01")
    wrong = next(o for o in s.options if not o.best)
    a = answer(s, wrong.letter.lower())
    assert not a.correct and a.chosen == wrong and a.best.text.startswith("Stop, acknowledge it")
    assert answer(s, s.best.letter).correct
    with pytest.raises(AllianceError) as e:
        answer(s, "E")
    assert str(e.value) == "Choose one of the answers (A, B, C, D), not 'E'."


def test_missed_items_come_back_first_once_due_and_known_ones_wait():
    ids = ["a", "b", "c", "d"]
    history = [Seen("a", T0, True), Seen("b", T0, False)]
    assert next_items(ids, history, T0 + timedelta(minutes=1), n=2) == ["c", "d"]
    assert next_items(ids, history, T0 + timedelta(minutes=11), n=3) == ["b", "c", "d"]
    history += [Seen("c", T0, True), Seen("d", T0, True)]
    assert next_items(ids, history, T0 + timedelta(hours=2), n=1) == ["b"]
    history += [Seen("b", T0 + timedelta(hours=2), True)]
    assert next_items(ids, history, T0 + timedelta(days=1, minutes=1), n=4) == ["a", "c", "d", "b"]


def test_progress_is_a_trend_per_skill_over_sessions_and_a_row_per_topic():
    r = (("behaviour", "reflection"),)
    rc = r + (("reflection", "complex"),)
    oq = (("behaviour", "question"), ("question", "open"))
    attempts = [DrillAttempt(T0, "reflect", r, "met"), DrillAttempt(T0, "reflect", (), "unsure"),
                DrillAttempt(T0 + timedelta(days=7), "complex_reflection", rc, "met"),
                DrillAttempt(T0 + timedelta(days=7), "open_question", oq, "met")]
    trends = {t.key: t for t in skill_progress(attempts)}
    assert [p.share for p in trends["reflection"].points] == [0.5, 0.5]
    assert [p.share for p in trends["complex_reflection"].points] == [0.0, 0.5]
    assert trends["complex_reflection"].summary == "50% in your latest session, up from 0% in your first."
    assert trends["reflection"].summary == "50% in your latest session, about the same as 50% in your first."
    rows = {t.principle: t for t in topic_progress([ScenarioAttempt(T0, "ruptures", False), ScenarioAttempt(T0, "ruptures", True)])}
    assert (rows["ruptures"].answered, rows["ruptures"].correct, rows["ruptures"].latest_correct) == (2, 1, True)
    assert rows["trust"].share is None
