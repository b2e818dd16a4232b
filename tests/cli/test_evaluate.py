"""`alliance evaluate FILE --task ...`: a Rich table or JSON, plain errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from alliance.cli.main import app
from tests.core.coding_samples import write_small_annomi


@pytest.fixture
def small_csv(tmp_path):
    return str(write_small_annomi(tmp_path / "small.csv"))


def test_json_output_has_the_documented_keys(small_csv):
    result = CliRunner().invoke(app, ["evaluate", small_csv, "--task", "client", "--json", "--bootstrap", "20"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"task", "n", "macro_f1", "accuracy", "per_class", "interval"}
    assert data["task"] == "client" and data["n"] == 15
    assert list(data["per_class"]) == ["change", "neutral", "sustain"]


def test_the_table_shows_each_label_and_the_macro_f1_with_its_interval(small_csv):
    result = CliRunner().invoke(app, ["evaluate", small_csv, "--task", "therapist", "--bootstrap", "20"])
    assert result.exit_code == 0, result.output
    for label in ("question", "reflection", "therapist_input", "other"):
        assert label in result.stdout
    assert "macro-F1" in result.stdout and "95% interval over transcripts" in result.stdout


def test_an_unknown_task_is_one_sentence_and_exit_1(small_csv):
    result = CliRunner().invoke(app, ["evaluate", small_csv, "--task", "empathy"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: 'empathy' is not an evaluation task (expected one of therapist, client, question, reflection)."
    )


def test_a_missing_file_is_one_sentence_and_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nope.csv"), "--task", "client"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope.csv'}: no such file."


def test_missing_columns_are_one_sentence_and_exit_1(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("speaker,text\nA,hi\n")
    result = CliRunner().invoke(app, ["evaluate", str(path), "--task", "client"])
    assert result.exit_code == 1
    assert "plain.csv, line 1: the CSV has no 'transcript_id' column" in result.stderr  # T009, as for any AnnoMI file
    assert "Traceback" not in result.output


def test_a_model_folder_can_be_chosen(small_csv, tmp_path):
    result = CliRunner().invoke(app, ["evaluate", small_csv, "--task", "client", "--model", str(tmp_path)])
    assert result.exit_code == 1
    assert "no trained coder here" in result.stderr


def test_without_bootstrap_rounds_the_json_has_no_interval_and_stays_valid(small_csv):
    result = CliRunner().invoke(app, ["evaluate", small_csv, "--task", "client", "--json", "--bootstrap", "0"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["interval"] == {"low": None, "high": None, "level": 0.95}
