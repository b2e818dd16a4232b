"""Feedback: what each rule notices, the utterances it quotes, and how the list is put together."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.feedback import MAX_OBSERVATIONS, give_feedback
from alliance.feedback.growth import CLOSED_RUN, LONG_RUN_WORDS
from alliance.feedback.observation import quote
from alliance.metrics import session_metrics
from tests.core.coded_sessions import _CLIENT, _PRACTITIONER, session


def feedback(*turns):
    """Every rule as a statement (ungated): hand-built codes are certain; gating has its own tests."""
    transcript, codes = session(*turns)
    return give_feedback(transcript, codes, session_metrics(transcript, codes), gated=False)


def kinds(fb):
    return [o.kind for o in fb.observations]


def only(fb, kind):
    found = [o for o in fb.observations if o.kind == kind]
    assert len(found) == 1, kinds(fb)
    return found[0]


def test_four_closed_questions_in_a_row_are_named_with_their_turns():
    fb = feedback(
        ("OQ", "What brings you in?"),
        ("C0", "The school sent me."),
        ("CQ", "Did they write to you?"),       # 2
        ("C0", "Yes."),
        ("CQ", "Was it about attendance?"),     # 4
        ("C0", "Mostly."),
        ("CQ", "Is your son at home today?"),   # 6
        ("C0", "No."),
        ("CQ", "Does he like school?"),         # 8
        ("C0", "Not really."),
    )
    o = only(fb, "closed_question_run")
    assert o.evidence == [2, 4, 6, 8]
    assert o.quotes == ["Did they write to you?"]
    assert o.message.startswith('You asked four closed questions in a row here (turns 3 to 9, starting with "Did they write to you?").')
    assert "open question" in o.message


def test_two_closed_questions_in_a_row_are_not_remarked_on():
    fb = feedback(("CQ", "Did they write?"), ("C0", "Yes."), ("CQ", "Today?"), ("C0", "No."), ("OQ", "What did it say?"))
    assert CLOSED_RUN == 3
    assert "closed_question_run" not in kinds(fb)


def test_a_reflection_breaks_a_run_of_closed_questions():
    fb = feedback(
        ("CQ", "One?"), ("C0", "Yes."), ("CQ", "Two?"), ("C0", "Yes."), ("SR", "So yes."),
        ("CQ", "Three?"), ("C0", "Yes."), ("CQ", "Four?"), ("C0", "Yes."),
    )
    assert "closed_question_run" not in kinds(fb)


def test_change_talk_answered_with_a_question_is_quoted_with_the_reply():
    fb = feedback(
        ("OQ", "How has the week been?"),
        ("C+", "I really want to be there for my kids."),  # 1
        ("CQ", "How many children do you have?"),          # 2
        ("C0", "Two."),
    )
    o = only(fb, "missed_change_talk")
    assert o.evidence == [1, 2]
    assert o.quotes == ["I really want to be there for my kids."]
    assert o.message.startswith('At turn 2 the client said "I really want to be there for my kids.", which sounds like a reason for change; your reply (turn 3) was a question.')
    assert "Reflecting their words back" in o.message


def test_change_talk_answered_with_advice_names_the_advice():
    fb = feedback(("C+", "I need to cut down."), ("ADV", "Try leaving your wallet at home."))
    assert "your reply (turn 2) was advice." in only(fb, "missed_change_talk").message


def test_change_talk_followed_by_a_reflection_is_not_a_missed_moment():
    fb = feedback(("C+", "I need to cut down."), ("CR", "You're ready for something to change."), ("C0", "Maybe."))
    assert "missed_change_talk" not in kinds(fb)


def test_the_reply_to_change_talk_must_come_before_the_client_speaks_again():
    fb = feedback(("C+", "I need to cut down."), ("X", "(interpreting)"), ("C0", "Anyway."), ("CQ", "Did you eat?"))
    assert "missed_change_talk" not in kinds(fb)


def test_only_the_two_fullest_missed_change_talk_moments_are_shown_in_session_order():
    fb = feedback(
        ("C+", "Maybe."), ("CQ", "Sure?"),                                      # 0-1
        ("C+", "I want my evenings back with my family."), ("CQ", "When?"),     # 2-3
        ("C+", "I could stop at two drinks."), ("CQ", "Could you?"),            # 4-5
    )
    assert [o.evidence for o in fb.observations if o.kind == "missed_change_talk"] == [[2, 3], [4, 5]]


def test_advice_without_permission_is_quoted_and_asking_permission_is_invited():
    fb = feedback(("C0", "I can't sleep."), ("ADV!", "You should stop looking at your phone in bed."), ("C0", "Hm."))
    o = only(fb, "advice_without_permission")
    assert o.evidence == [1]
    assert o.quotes == ["You should stop looking at your phone in bed."]
    assert "Would it be okay if I shared" in o.message


def test_advice_after_asking_permission_is_not_remarked_on():
    fb = feedback(("C0", "I can't sleep."), ("ADV", "Some people find it helps to keep the phone out of the room."))
    assert "advice_without_permission" not in kinds(fb)


def test_repeated_advice_without_permission_is_one_observation_counting_each_time():
    fb = feedback(("ADV!", "Do this."), ("C0", "Okay."), ("ADV!", "And that."), ("C0", "Fine."))
    o = only(fb, "advice_without_permission")
    assert o.evidence == [0, 2]
    assert o.message.startswith('You offered advice twice without asking first, for example at turn 1 ("Do this.")')


def test_a_long_stretch_of_practitioner_speech_is_noticed_from_the_threshold():
    words = " ".join(["word"] * (LONG_RUN_WORDS - 20))
    fb = feedback(("C0", "Go on."), ("INFO", words), ("OTH", " ".join(["more"] * 20)), ("C0", "Right."))
    o = only(fb, "long_turn")
    assert o.evidence == [1, 2]
    assert f"In turns 2 to 3 you spoke for about {LONG_RUN_WORDS} words" in o.message
    short = feedback(("C0", "Go on."), ("INFO", " ".join(["word"] * (LONG_RUN_WORDS - 1))), ("C0", "Right."))
    assert "long_turn" not in kinds(short)


def test_a_high_practitioner_talk_share_is_noticed_with_the_longest_turns():
    fb = feedback(
        ("INFO", " ".join(["a"] * 50)), ("C0", "ok"),
        ("INFO", " ".join(["b"] * 40)), ("C0", "ok then"),
        ("OTH", " ".join(["c"] * 30)), ("C0", "sure"),
        ("OTH", "d"),
    )
    o = only(fb, "talk_share")
    # 121 practitioner words of 125.
    assert o.message.startswith("You spoke about 97% of the words in this session.")
    assert o.evidence == [0, 2, 4]


def test_a_short_session_is_too_short_to_remark_on_talk_share():
    fb = feedback(("INFO", "The group meets on Tuesdays at ten."), ("C0", "Ok."))
    assert "talk_share" not in kinds(fb)


def test_strengths_come_first_and_quote_the_moment():
    fb = feedback(
        ("CQ", "Is it hard?"), ("C0", "Yes."), ("CQ", "Every day?"), ("C0", "Yes."), ("CQ", "At night?"), ("C0", "Yes."),
        ("AFF", "You kept going all the same, and that took real strength."),  # 6
        ("C0", "Thanks."),
    )
    assert kinds(fb) == ["strength_affirmations", "closed_question_run"]
    o = fb.observations[0]
    assert o.is_strength and o.evidence == [6]
    assert o.message.startswith('You affirmed the client at turn 7 ("You kept going all the same, and that took real strength.").')


def test_sustain_talk_met_with_a_reflection_is_recognised_as_a_strength():
    fb = feedback(("C-", "I don't see why I should stop."), ("SR", "Stopping doesn't make sense to you right now."), ("C0", "No."))
    o = only(fb, "strength_sustain_reflected")
    assert o.is_strength
    assert o.evidence == [0, 1]
    assert o.quotes == ["I don't see why I should stop.", "Stopping doesn't make sense to you right now."]


def test_sustain_talk_met_with_an_argument_is_not_called_a_strength():
    fb = feedback(("C-", "I don't see why I should stop."), ("INFO", "It's damaging your liver."))
    assert "strength_sustain_reflected" not in kinds(fb)


def test_reflecting_at_least_as_often_as_asking_is_named():
    fb = feedback(("OQ", "What's on your mind?"), ("C0", "Work."), ("SR", "Work is on your mind."), ("C0", "Yes."))
    o = only(fb, "strength_reflection_balance")
    assert o.message.startswith('You offered one reflection in this session, for example at turn 3 ("Work is on your mind.").')
    assert o.evidence == [2]
    assert [c.to_dict() for c in o.claims] == [{"index": 2, "field": "behaviour", "value": "reflection"}]


def test_long_quotes_are_shortened_at_a_word_boundary_with_an_ellipsis():
    text = "I keep thinking that if I could just get through this month " * 4
    q = quote(text)
    assert q.endswith("…") and len(q) <= 121
    assert text.startswith(q[:-1])


def test_journal_prompts_ask_the_four_questions_and_point_at_moments():
    fb = feedback(
        ("OQ", "What would you like to change?"),
        ("C+", "I want to drink less."),             # 1
        ("CQ", "How much do you drink?"),           # 2
        ("C0", "A bottle a night."),
        ("CR", "It has crept up on you."),          # 4
    )
    prompts = {p.prompt: p for p in fb.journal_prompts}
    assert list(prompts) == [
        "Did I listen fully?",
        "Did I respond empathetically?",
        "What did I learn about what matters to this client?",
        "What would I try differently?",
    ]
    assert prompts["Did I listen fully?"].evidence == [1]
    assert prompts["Did I respond empathetically?"].evidence == [4]
    assert prompts["What did I learn about what matters to this client?"].evidence == [1]
    assert prompts["What would I try differently?"].evidence == [1, 2]


LABELS = sorted(_PRACTITIONER) + sorted(_CLIENT) + ["X"]
JUDGING = ("bad", "poor", "wrong", "fail", "should have", "mistake")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), st.text(st.sampled_from("ab ?."), max_size=200)), max_size=40))
def test_any_coded_session_gets_a_short_list_whose_quotes_come_from_its_evidence(turns):
    transcript, codes = session(*turns)
    fb = give_feedback(transcript, codes, session_metrics(transcript, codes))
    assert len(fb.observations) <= MAX_OBSERVATIONS
    flags = [o.is_strength for o in fb.observations]
    assert flags == sorted(flags, reverse=True)  # strengths first
    texts = {u.index: " ".join(u.text.split()) for u in transcript.utterances}
    for o in fb.observations:
        assert o.evidence and all(i in texts for i in o.evidence)
        for q in o.quotes:
            assert any(texts[i].startswith(q.rstrip("…")) for i in o.evidence)
        assert not any(word in o.message.lower() for word in JUDGING)
    assert len(fb.journal_prompts) == 4


def test_only_the_longest_of_several_long_stretches_is_shown_and_the_others_are_counted():
    long, longer = " ".join(["a"] * LONG_RUN_WORDS), " ".join(["b"] * (LONG_RUN_WORDS + 10))
    fb = feedback(("INFO", long), ("C0", "Mm."), ("INFO", longer), ("C0", "Right."))
    o = only(fb, "long_turn")
    assert o.evidence == [2]
    assert o.message.startswith(f'In turn 3 you spoke for about {LONG_RUN_WORDS + 10} words before the client came in, beginning "b b')
    assert o.message.endswith("This was one of two stretches this long.")


def test_the_documented_thresholds_are_the_ones_in_the_code():
    from pathlib import Path

    from alliance.feedback import MAX_STRENGTHS, growth

    doc = (Path(__file__).resolve().parents[2] / "docs" / "feedback.md").read_text(encoding="utf-8")
    assert f"At most **{MAX_OBSERVATIONS}** observations: at most **{MAX_STRENGTHS}** strengths" in doc
    assert f"**{growth.CLOSED_RUN}** or more in a row" in doc
    assert f"**{growth.LONG_RUN_WORDS}** words or more" in doc
    assert f"share > **{growth.TALK_SHARE}** and at least **{growth.TALK_SHARE_MIN_WORDS}** words" in doc
    assert f"at most **{growth.MISSED_CHANGE_TALK_SHOWN}** moments" in doc
