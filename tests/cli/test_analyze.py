"""`alliance analyze FILE`: the Rich report, --json, --markdown and --html, and one-sentence errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from alliance.cli.main import app
from alliance.transcripts import sample_path

SAMPLE = sample_path("zoom_vtt")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, ["analyze", *map(str, args)])

    return invoke


@pytest.fixture(scope="module")
def shipped_coder():
    from alliance.coding import load_coder

    return load_coder()


def test_json_output_is_the_analysis_with_every_documented_key(run, shipped_coder):
    result = run(SAMPLE, "--practitioner", "Maria Okafor", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"utterances", "metrics", "feedback", "pipeline", "role_note", "miti_context", "journal_prompts"} <= set(data)
    first = data["utterances"][0]
    assert (first["index"], first["speaker"], first["role"]) == (0, "Maria Okafor", "practitioner")
    assert first["text"] == "Hi Sam, thanks for joining. Can you hear me okay?"
    assert first["start"] == pytest.approx(3.2)
    assert {"behaviour", "question", "reflection", "input", "client_talk"} <= set(first["codes"])
    assert first["codes"]["client_talk"] is None
    assert data["role_note"] == ""
    assert data["pipeline"]["model"]["artifact_hash"] == shipped_coder.artifact_hash
    for item in data["feedback"]:
        quoted = [" ".join(data["utterances"][i]["text"].split()) for i in item["evidence"]]
        assert all(any(text.startswith(q.rstrip("…")) for text in quoted) for q in item["quotes"])


def test_the_default_report_shows_feedback_metrics_and_journal_prompts(run, shipped_coder):
    result = run(SAMPLE)
    assert result.exit_code == 0, result.output
    for heading in ("Session analysis", "Metrics", "MITI 4.2.1 context", "For your journal", "Did I listen fully?"):
        assert heading in result.stdout
    assert "expert opinion" in result.stdout
    assert "Roles were guessed" in result.stdout  # no --practitioner: the report says how roles were set


def test_markdown_output_lists_every_coded_turn(run, shipped_coder):
    result = run(SAMPLE, "-p", "Maria Okafor", "--markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Session analysis")
    assert "| 1 | 0:03 | Maria Okafor (practitioner) |" in result.stdout
    assert "## For your journal" in result.stdout


def test_html_output_is_written_to_the_named_file(run, shipped_coder, tmp_path):
    out = tmp_path / "report.html"
    result = run(SAMPLE, "-p", "Maria Okafor", "--html", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="turn-1"' in page
    assert "Hi Sam, thanks for joining." in page
    assert str(out) in result.stderr


def test_a_missing_file_gives_one_sentence_and_exit_1(run, tmp_path):
    result = run(tmp_path / "nowhere.vtt")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nowhere.vtt'}: no such file."
    assert "Traceback" not in result.output


def test_a_malformed_file_gives_one_sentence_naming_the_line_and_exit_1(run, tmp_path):
    bad = tmp_path / "session.vtt"
    bad.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nMaria: Hello?\n", encoding="utf-8")
    result = run(bad)
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: session.vtt, line 3: '00:00:61.000' is not a valid time (expected HH:MM:SS.mmm)"


def test_an_unknown_practitioner_name_gives_one_sentence_and_exit_1(run):
    result = run(SAMPLE, "--practitioner", "Nobody")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: zoom_session.vtt: no speaker is called")


def test_only_one_output_choice_at_a_time(run, tmp_path):
    result = run(SAMPLE, "--json", "--markdown")
    assert result.exit_code == 2
    assert "choose one of --json, --html OUT or --markdown" in result.output


def test_a_report_that_cannot_be_written_gives_one_sentence_and_exit_1(run, shipped_coder, tmp_path):
    out = tmp_path / "no such folder" / "report.html"
    result = run(SAMPLE, "--html", out)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {out}: the report could not be written there (No such file or directory). "
        "Choose a folder that exists and that you can write to."
    )


def test_speaker_options_set_who_is_who_and_merge_labels(run, shipped_coder, tmp_path):
    path = tmp_path / "family.txt"
    path.write_text("Dana R: How has the week been?\nSam: Hard, honestly.\nDANA: It has been a hard week.\n"
                    "Lee: She cried on Tuesday.\nSam: I did.\n", encoding="utf-8")
    result = run(path, "--speaker", "Dana R=DANA", "--speaker", "DANA=practitioner", "-s", "Lee=other", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(u["speaker"], u["role"]) for u in data["utterances"]] == [
        ("DANA", "practitioner"), ("Sam", "client"), ("DANA", "practitioner"), ("Lee", "other"), ("Sam", "client")]
    assert data["utterances"][3]["codes"]["client_talk"] is None


def test_a_speaker_option_naming_no_one_is_one_sentence(run, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Maria: Hello?\nSam: Hi.\n", encoding="utf-8")
    result = run(path, "--speaker", "Mria=practitioner")
    assert result.exit_code == 1
    assert "s.txt: no speaker is called 'Mria' (the speakers are 'Maria' and 'Sam')." in result.output
    assert "Traceback" not in result.output
