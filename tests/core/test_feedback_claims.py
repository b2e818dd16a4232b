"""The claims contract: every feedback item lists what it asserts, and only kinds that hold are asserted.

Checked on real analyses (the shipped coder on the shipped sample and demo sessions),
and on hand-built sessions where the expert codes are known.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

from alliance.analysis import analyze
from alliance.coding.codes import Codes
from alliance.feedback import give_feedback, reliability
from alliance.feedback.claims import FIELD_VALUES, FIELDS
from alliance.feedback.verify import check_item, claim_holds
from alliance.metrics import session_metrics
from tests.core.coded_sessions import session

SAMPLES = ["zoom_session.vtt", "teams_session.vtt", "home_visit.srt", "counselling_tc.txt", "duty_call.csv", "school_meeting.json"]
DEMO_SESSIONS = ["drinking_weekends_mixed.txt", "loneliness_reflective.vtt", "parenting_advice_heavy.txt",
                 "rent_arrears_questions.txt", "sleep_and_work_warm.txt"]


def real_analyses():
    for name in SAMPLES:
        yield name, resources.files("alliance.transcripts.samples").joinpath(name)
    for name in DEMO_SESSIONS:
        yield name, resources.files("alliance.records.demo_sessions").joinpath(name)


@pytest.fixture(scope="module")
def analyzed():
    out = []
    for name, path in real_analyses():
        analysis = analyze(path.read_bytes() if name.endswith((".csv", ".json")) else path.read_text(encoding="utf-8"),
                           format=name.rsplit(".", 1)[-1].replace("txt", "text").replace("vtt", "vtt"))
        ungated = give_feedback(analysis.transcript, analysis.codes, analysis.metrics, gated=False).observations
        out.append((name, analysis, ungated))
    return out


def test_every_claim_on_a_real_analysis_names_a_turn_in_range_a_real_code_and_the_turns_own_code(analyzed):
    checked = 0
    for name, analysis, ungated in analyzed:
        for item in [o.to_dict() for o in ungated] + analysis.to_dict()["feedback"]:
            for claim in item["claims"]:
                assert set(claim) == {"index", "field", "value"}, name
                assert 0 <= claim["index"] < len(analysis.codes), name
                assert claim["field"] in FIELDS, name
                assert claim["value"] in FIELD_VALUES[claim["field"]], name
                assert getattr(analysis.codes[claim["index"]], claim["field"]) == claim["value"], (name, claim)
                assert claim["index"] in item["evidence"], (name, claim)
                checked += 1
    assert checked >= 10  # the samples do make claims


def test_a_count_in_a_message_claims_each_counted_turn(analyzed):
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    seen = 0
    for _, _, ungated in analyzed:
        for o in ungated:
            if o.kind == "strength_complex_reflections":
                match = re.search(r"offered (?:at least )?(\w+) complex reflections", o.message)
                if match:
                    assert words.get(match.group(1), None) == len([c for c in o.claims if c.field == "reflection"])
                    seen += 1
            if o.kind == "closed_question_run" and o.form == "statement":
                count = words[re.search(r"You asked (\w+) closed questions", o.message).group(1)]
                assert count == len(o.claims) == len(o.evidence)
                seen += 1
    assert seen >= 0


def test_questions_for_reflection_make_no_claims_and_statements_do(analyzed):
    for name, analysis, _ in analyzed:
        for item in analysis.to_dict()["feedback"]:
            if item["form"] == "question":
                assert item["claims"] == [], name
                assert "?" in item["message"], name
            elif item["kind"] not in reliability.NO_CLAIM_KINDS:
                assert item["claims"], name


def test_a_kind_is_asserted_only_while_its_measured_precision_holds(monkeypatch):
    transcript, codes = session(
        ("OQ", "What brings you in?"), ("C0", "The school sent me."),
        ("CQ", "Did they write?"), ("C0", "Yes."), ("CQ", "About attendance?"), ("C0", "Yes."),
        ("CQ", "Is he at home?"), ("C0", "No."), ("CR", "You're worried he is slipping away from school."),
    )
    metrics = session_metrics(transcript, codes)
    table = {"closed_question_run": {"precision": 0.91}, "strength_complex_reflections": {"precision": 0.62}}
    monkeypatch.setattr(reliability, "measured", lambda: table)
    by_kind = {o.kind: o for o in give_feedback(transcript, codes, metrics).observations}
    assert by_kind["closed_question_run"].form == "statement"
    assert [c.to_dict() for c in by_kind["closed_question_run"].claims] == [
        {"index": i, "field": "question", "value": "closed"} for i in (2, 4, 6)
    ]
    reworded = by_kind["strength_complex_reflections"]
    assert reworded.form == "question" and reworded.claims == []
    assert reworded.message.startswith('Look again at turn 9 ("You\'re worried he is slipping away from school.").')


def test_a_kind_never_measured_is_offered_as_a_question(monkeypatch):
    transcript, codes = session(("AFF", "That took a lot of courage."), ("C0", "Thanks."))
    monkeypatch.setattr(reliability, "measured", lambda: {})
    [o] = give_feedback(transcript, codes, session_metrics(transcript, codes)).observations
    assert (o.kind, o.form, o.claims) == ("strength_affirmations", "question", [])


def test_the_shipped_precision_table_asserts_only_kinds_at_or_above_the_bar():
    table = reliability.measured()
    assert table, "bench/eval_feedback.py --write has not been run"
    for kind, row in table.items():
        assert reliability.asserted(kind) == (row["precision"] is not None and row["precision"] >= reliability.MIN_PRECISION)


def test_an_unsure_code_is_not_claimed():
    transcript, codes = session(("CR", "You're worried he is slipping away."), ("C0", "Yes."))
    unsure = {"behaviour": {"reflection": 0.6, "question": 0.2, "therapist_input": 0.1, "other": 0.1},
              "reflection": {"simple": 0.3, "complex": 0.7}, "question": {"open": 0.5, "closed": 0.5},
              "input": {"information": 0.7, "advice": 0.1, "negotiation": 0.1, "options": 0.1}}
    codes[0] = Codes(behaviour="reflection", reflection="complex", confidence=0.6, probabilities=unsure)
    observations = give_feedback(transcript, codes, session_metrics(transcript, codes), gated=False).observations
    [o] = [o for o in observations if o.kind == "strength_complex_reflections"]
    assert (o.form, o.claims) == ("question", [])  # offered as a question, asserting nothing
    assert o.message.startswith("Look again at turn 1")


def expert(*labels):
    """Gold codes for a hand-built session: the same labels the session helper takes."""
    return session(*[(label, "Words.") for label in labels])[1]


def test_a_claim_holds_when_the_expert_code_agrees_and_fails_when_it_does_not():
    gold = expert("CR", "C+", "CQ")
    roles, texts = ["practitioner", "client", "practitioner"], ["a", "b", "c"]
    assert claim_holds({"index": 0, "field": "reflection", "value": "complex"}, gold, roles, texts) is True
    assert claim_holds({"index": 0, "field": "behaviour", "value": "question"}, gold, roles, texts) is False
    assert claim_holds({"index": 2, "field": "reflection", "value": "complex"}, gold, roles, texts) is False
    assert claim_holds({"index": 1, "field": "client_talk", "value": "change"}, gold, roles, texts) is True
    assert claim_holds({"index": 0, "field": "affirmation", "value": True}, gold, roles, texts) is None
    assert claim_holds({"index": 9, "field": "behaviour", "value": "question"}, gold, roles, texts) is False


def test_advice_without_permission_is_checked_as_expert_advice_nobody_invited():
    gold = expert("C0", "ADV!", "C0", "ADV!")
    roles = ["client", "practitioner", "client", "practitioner"]
    texts = ["It's hard.", "Try a patch.", "What should I do?", "Try gum."]
    claim = {"field": "advice_without_permission", "value": True}
    assert claim_holds({"index": 1, **claim}, gold, roles, texts) is True
    assert claim_holds({"index": 3, **claim}, gold, roles, texts) is False  # the client asked for it


def test_an_item_is_wrong_when_its_quoted_example_fails_partly_when_a_minority_does():
    gold = expert("CR", "C0", "CR", "C0", "SR", "C0", "CR")
    roles = [("practitioner" if i % 2 == 0 else "client") for i in range(7)]
    texts = [f"Turn {i}." for i in range(7)]

    def item(indexes, quoted):
        return {"claims": [{"index": i, "field": "reflection", "value": "complex"} for i in indexes],
                "evidence": indexes, "quotes": [texts[quoted]]}

    assert check_item(item([0, 2, 6], 0), gold, roles, texts).verdict == "supported"
    assert check_item(item([0, 2, 4, 6], 0), gold, roles, texts).verdict == "partly"
    assert check_item(item([4, 0, 2], 4), gold, roles, texts).verdict == "wrong"
    assert check_item({"claims": [], "evidence": [], "quotes": []}, gold, roles, texts).verdict == "unchecked"
