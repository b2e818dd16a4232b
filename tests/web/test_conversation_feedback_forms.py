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


def test_the_page_and_the_reports_name_each_code_and_metric_the_same_way():
    from alliance.coding.codes import Codes
    from alliance.metrics import SessionMetrics
    from alliance.report.labels import code_labels as report_labels
    from alliance.report.labels import metric_rows as report_rows
    from alliance.web.conversation_present import metric_rows

    stored = {"behaviour": "therapist_input", "input": "advice", "advice_without_permission": True,
              "affirmation": True, "confidence": 0.9}
    assert [label.text.lower() for label in code_labels(stored)] == report_labels(Codes.from_dict(stored))
    metrics = {"questions": 8, "open_questions": 6, "closed_questions": 2, "reflections": 6, "simple_reflections": 2,
               "complex_reflections": 4, "reflection_to_question_ratio": 0.75, "percent_complex_reflections": 66.7,
               "percent_open_questions": 75.0, "practitioner_talk_share": 0.5, "longest_practitioner_run": 12,
               "advice_without_permission": 1, "affirmations": 0, "change_talk": 2, "sustain_talk": 1,
               "change_talk_share": 0.667, "reflection_to_question_sureness": 0.9}
    assert SessionMetrics.from_dict(metrics).to_dict() == metrics
    page_labels = {row["label"] for row in metric_rows(metrics)}
    assert page_labels <= {label for label, _, _ in report_rows(SessionMetrics.from_dict(metrics))}
    rq = metric_rows(metrics)[0]
    assert rq["label"] == "Reflections per question (R:Q)" and rq["context"].startswith("Below the MITI 'fair' level (1).")
    open_questions = next(row for row in metric_rows(metrics) if row["label"] == "Open questions")
    assert open_questions["context"].startswith("MITI 4 counts open and closed questions together")  # metrics/miti.py's note


def test_an_analysis_stored_before_a_metric_existed_still_reads():
    from alliance.web.conversation_present import metric_rows

    rows = {row["label"]: row["value"] for row in metric_rows({"questions": 2, "reflections": 1})}
    assert rows["Questions"] == "2" and rows["Reflections per question (R:Q)"] == "—" and rows["Client change talk"] == "0"
