from __future__ import annotations

import pytest
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from alliance.coding import evaluate, load_coder
from alliance.coding.annomi_data import read_annomi_csv
from alliance.errors import AllianceError
from tests.core.coding_samples import COLUMNS, write_small_annomi

THERAPIST = ["question", "reflection", "therapist_input", "other"]


@pytest.fixture
def small_csv(tmp_path):
    return write_small_annomi(tmp_path / "small.csv")


def test_evaluate_returns_the_documented_shape(small_csv):
    result = evaluate(small_csv, "therapist", bootstrap=50)
    assert set(result) == {"task", "n", "macro_f1", "accuracy", "per_class", "interval"}
    assert result["task"] == "therapist" and result["n"] == 15
    assert list(result["per_class"]) == THERAPIST
    assert set(result["per_class"]["question"]) == {"precision", "recall", "f1", "support"}
    assert result["interval"]["level"] == 0.95
    assert result["interval"]["low"] <= result["interval"]["high"]


def test_evaluate_agrees_with_sklearn_on_the_coders_own_codes(small_csv):
    coder = load_coder()
    gold, pred = [], []
    for transcript in read_annomi_csv(small_csv):
        for u, c in zip(transcript.utterances, coder.code(transcript)):
            if u.role == "practitioner":
                gold.append(u.metadata["gold"].behaviour)
                pred.append(c.behaviour)
    result = evaluate(small_csv, "therapist", coder=coder, bootstrap=20)
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=THERAPIST, zero_division=0)
    assert result["macro_f1"] == pytest.approx(f1_score(gold, pred, labels=THERAPIST, average="macro", zero_division=0))
    assert result["accuracy"] == pytest.approx(accuracy_score(gold, pred))
    for i, label in enumerate(THERAPIST):
        assert result["per_class"][label] == pytest.approx(
            {"precision": p[i], "recall": r[i], "f1": f[i], "support": s[i]}
        )


def test_the_subtype_tasks_count_only_utterances_with_that_subtype(small_csv):
    question = evaluate(small_csv, "question", bootstrap=10)
    reflection = evaluate(small_csv, "reflection", bootstrap=10)
    assert question["n"] == 5 and list(question["per_class"]) == ["open", "closed"]
    assert reflection["n"] == 4 and list(reflection["per_class"]) == ["simple", "complex"]


def test_the_interval_is_reproducible_with_a_seed(small_csv):
    assert evaluate(small_csv, "client", bootstrap=30, seed=3) == evaluate(small_csv, "client", bootstrap=30, seed=3)


def test_an_unknown_task_is_a_clear_error(small_csv):
    with pytest.raises(AllianceError) as error:
        evaluate(small_csv, "empathy")
    assert str(error.value) == "'empathy' is not an evaluation task (expected one of therapist, client, question, reflection)."


def test_a_csv_without_the_annomi_columns_is_refused_as_the_transcript_reader_refuses_it(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("speaker,text\nA,hello\n")
    with pytest.raises(AllianceError) as error:
        evaluate(path, "client")
    assert error.value.code == "T009"
    assert str(error.value) == (
        "other.csv, line 1: the CSV has no 'transcript_id' column (expected columns transcript_id, interlocutor, "
        "utterance_text, utterance_id, main_therapist_behaviour, client_talk_type (the AnnoMI columns); found speaker, text)."
    )


def test_training_data_with_an_unknown_interlocutor_gets_the_same_message_as_analysis(tmp_path):
    path = tmp_path / "annomi.csv"
    path.write_text("transcript_id,utterance_id,interlocutor,utterance_text,main_therapist_behaviour,client_talk_type\n"
                    "1,0,coach,Hello.,n/a,n/a\n")
    with pytest.raises(AllianceError) as error:
        evaluate(path, "client")
    assert (error.value.code, str(error.value)) == (
        "T018", "annomi.csv, line 2: 'coach' is not an AnnoMI interlocutor (expected therapist or client).")


def test_a_file_without_labels_for_the_task_is_a_clear_error(tmp_path):
    path = tmp_path / "clients_only.csv"
    path.write_text(",".join(COLUMNS) + "\n1,high,0,client,I want to stop.,n/a,n/a,n/a,n/a,n/a\n")
    with pytest.raises(AllianceError) as error:
        evaluate(path, "therapist")
    assert str(error.value) == f"{path}: there are no therapist utterances with an expert label to evaluate against."
