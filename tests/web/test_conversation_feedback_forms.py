"""The analysed conversation says which feedback is a question to reflect on and which codes are unsure."""

from __future__ import annotations

from alliance.web.conversation_present import code_labels, feedback_views


def test_feedback_offered_as_a_question_is_marked_to_reflect_on_and_statements_are_not():
    result = {"feedback": [
        {"kind": "missed_change_talk", "strength": False, "form": "question", "message": "What did you hear?", "evidence": [3, 4]},
        {"kind": "closed_question_run", "strength": False, "form": "statement", "message": "You asked…", "evidence": [1]},
        {"kind": "long_turn", "strength": False, "message": "Stored before forms existed.", "evidence": [2]},
    ]}
    views = feedback_views(result)
    assert [v["question"] for v in views] == [True, False, False]
    assert [link["text"] for link in views[0]["links"]] == ["turn 4", "turn 5"]


def test_a_code_the_coder_is_unsure_of_is_labelled_unsure():
    sure = code_labels({"behaviour": "question", "question": "open", "confidence": 0.92})
    unsure = code_labels({"behaviour": "reflection", "reflection": "complex", "confidence": 0.41})
    assert [label.text for label in sure] == ["Open question"]
    assert [label.text for label in unsure] == ["Complex reflection", "Unsure"]
    assert code_labels({"client_talk": "neutral", "confidence": 0.3}) == []  # nothing shown, nothing to doubt
