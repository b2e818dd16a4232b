"""`alliance batch`: JSON lines on stdout or files, Parquet, the summary on stderr, one-sentence errors."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from alliance.cli.batch_commands import where_and_why
from alliance.cli.main import app
from alliance.transcripts import SAMPLES, sample_path

pq = pytest.importorskip("pyarrow.parquet")

BAD_VTT = "WEBVTT\n\n00:61:02.000 --> 00:62:00.000\nA: hello\n"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for kind in ("zoom_vtt", "text", "csv"):
        shutil.copy(sample_path(kind), root / SAMPLES[kind])
    (root / "a_bad.vtt").write_text(BAD_VTT, encoding="utf-8")
    return root


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, ["batch", *map(str, args)])

    return invoke


def test_without_out_each_transcript_is_one_json_line_on_stdout_and_the_summary_goes_to_stderr(run, folder):
    result = run(folder)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"].rsplit("/", 1)[-1] for line in lines] == ["a_bad.vtt", "counselling_tc.txt", "duty_call.csv", "zoom_session.vtt"]
    assert [line["ok"] for line in lines] == [False, True, True, True]
    assert lines[3]["practitioner"] == "Maria Okafor" and lines[3]["metrics"]["questions"] == 9
    assert result.stderr.startswith("Analysed 3 of 4 transcript(s), 88 utterances, in ")
    assert "utterances/s) in this process." in result.stderr
    assert f"Skipped 1:\n  {folder / 'a_bad.vtt'}, line 3: '00:61:02.000' is not a valid time (expected HH:MM:SS.mmm)\n" in result.stderr


def test_out_writes_parquet_and_json_lines_and_says_so(run, folder, tmp_path):
    sessions, lines = tmp_path / "results.parquet", tmp_path / "results.jsonl"
    result = run(folder, "--out", sessions, "--out", lines, "--utterances", "--practitioner", "Maria Okafor", "--practitioner", "T", "--practitioner", "Ruth Adeyemi")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.rstrip().endswith(f"Wrote {sessions}, {tmp_path / 'results.utterances.parquet'}, {lines}.")
    rows = pq.read_table(sessions).to_pylist()
    assert [r["practitioner"] for r in rows] == [None, "T", "Ruth Adeyemi", "Maria Okafor"]
    assert pq.read_table(tmp_path / "results.utterances.parquet").num_rows == 88
    assert len(lines.read_text(encoding="utf-8").splitlines()) == 4


def test_a_missing_input_is_one_sentence_and_exit_status_1(run, tmp_path):
    result = run(tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such file or folder.\n"


def test_an_output_it_cannot_write_is_one_sentence_and_exit_status_1(run, folder, tmp_path):
    result = run(folder, "--out", tmp_path / "results.xlsx")
    assert result.exit_code == 1
    assert result.stderr.replace("\n", " ").strip() == (
        f"Error: {tmp_path / 'results.xlsx'}: Alliance writes batch results as .jsonl or .parquet; give the output file one of these endings."
    )


def test_an_unreachable_scheduler_is_one_sentence_and_exit_status_1(run, folder):
    pytest.importorskip("distributed")
    result = run(folder, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert result.stderr.replace("\n", " ").startswith("Error: Could not reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert "Check that the scheduler is running and that the address is right." in result.stderr.replace("\n", " ")


def test_skipped_files_are_named_by_their_full_path():
    assert where_and_why("in/x/bad.vtt", "bad.vtt, line 3: nope") == "in/x/bad.vtt, line 3: nope"
    assert where_and_why("s3://a/bad.vtt", "s3://a/bad.vtt: no such file.") == "s3://a/bad.vtt: no such file."
    assert where_and_why("in/bad.vtt", "something else") == "in/bad.vtt: something else"
