"""alliance.batch: sources and partitions, records without the transcript's words, JSONL and Parquet outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from alliance.batch import SourceFile, find_sources, partition, run_batch, work
from alliance.errors import AllianceError
from alliance.transcripts import SAMPLES, sample_path

pq = pytest.importorskip("pyarrow.parquet")

GOOD = ("zoom_vtt", "srt", "text", "csv", "json")
BAD_VTT = "WEBVTT\n\n00:61:02.000 --> 00:62:00.000\nA: hello\n"


@pytest.fixture
def folder(tmp_path) -> Path:
    """Five good sample transcripts and one bad one, in a folder with a sub-folder and a stray file."""
    root = tmp_path / "in"
    (root / "more").mkdir(parents=True)
    for kind in GOOD[:3]:
        shutil.copy(sample_path(kind), root / SAMPLES[kind])
    for kind in GOOD[3:]:
        shutil.copy(sample_path(kind), root / "more" / SAMPLES[kind])
    (root / "b_bad.vtt").write_text(BAD_VTT, encoding="utf-8")
    (root / "notes.docx").write_bytes(b"not a transcript")
    return root


def names(files):
    return [Path(f.name).name for f in files]


# --- sources and partitions ---------------------------------------------------------------

def test_a_folder_gives_its_transcript_files_recursively_sorted_with_their_sizes(folder):
    files = find_sources([folder])
    assert names(files) == ["b_bad.vtt", "counselling_tc.txt", "home_visit.srt", "duty_call.csv", "school_meeting.json", "zoom_session.vtt"]
    assert all(f.size == Path(f.name).stat().st_size for f in files)


def test_a_name_that_does_not_exist_stops_the_batch_before_it_starts(tmp_path):
    with pytest.raises(AllianceError) as caught:
        find_sources([tmp_path / "nope"])
    assert str(caught.value) == f"{tmp_path / 'nope'}: no such file or folder."
    assert caught.value.code == "B001"


def test_fsspec_urls_are_searched_like_folders():
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/archive/2025/a.txt", b"T: Hello.\nC: Hi.\n")
    fs.pipe("/archive/2025/b.csv", b"speaker,text\nT,Hello.\n")
    fs.pipe("/archive/2025/readme.md", b"# not a transcript")
    try:
        files = find_sources(["memory://archive"])
        assert [(f.name, f.size) for f in files] == [("memory://archive/2025/a.txt", 17), ("memory://archive/2025/b.csv", 22)]
    finally:
        fs.rm("/archive", recursive=True)


def test_a_file_sent_with_its_task_never_shows_its_words_in_a_repr():
    sent = SourceFile("in/a.txt", 20, b"Client: my name is Sam")
    assert "Sam" not in repr(sent) and "Sam" not in repr([sent])


def test_partitions_keep_input_order_and_group_files_by_size():
    files = [SourceFile(f"f{i:03d}.txt", 10_000) for i in range(300)]  # 3 MB in all
    parts = partition(files, workers=2)
    assert [f for p in parts for f in p] == files
    # 256 KB tasks: a second or two of work each, and many more tasks than workers.
    assert {len(p) for p in parts[:-1]} == {27}
    assert len(parts) == 12


def test_small_batches_are_split_so_every_worker_gets_several_tasks_but_never_below_96_kb():
    files = [SourceFile(f"f{i:03d}.txt", 10_000) for i in range(60)]  # 600 KB
    assert len(partition(files, workers=1)) == 4
    assert {len(p) for p in partition(files, workers=8)} == {10}  # 96 KB floor, not 32 tasks of 2 files


def test_files_per_task_fixes_the_partition_size_and_in_process_uses_large_ones():
    files = [SourceFile(f"f{i}.txt", 10_000) for i in range(10)]
    assert [len(p) for p in partition(files, workers=2, files_per_task=4)] == [4, 4, 2]
    assert len(partition(files, workers=0)) == 1
    assert partition([], workers=2) == []


# --- one process, one coder -------------------------------------------------------------

def test_the_coder_is_loaded_once_per_process_and_its_load_time_is_kept(folder, monkeypatch):
    import alliance.coding

    calls = []
    real = alliance.coding.load_coder
    monkeypatch.setattr(alliance.coding, "load_coder", lambda *a: calls.append(1) or real(*a))
    monkeypatch.setattr(work, "_CODER", None)
    monkeypatch.setattr(work, "_CODER_LOAD_S", None)
    monkeypatch.setattr(work, "_CODER_PID", None)
    files = find_sources([folder])
    options = work.Options()
    first = work.run_partition(0, files[:3], options)
    second = work.run_partition(1, files[3:], options)
    assert calls == [1]
    assert first.coder_load_s == second.coder_load_s > 0
    assert not first.coder_inherited
    assert (first.files, second.files) == (3, 3)
    assert first.analysed + second.analysed == 5
    assert second.peak_rss_mb > 0


# --- what a batch writes --------------------------------------------------------------------

def test_a_batch_in_this_process_analyses_the_good_files_and_skips_the_bad_one_with_its_reason(folder):
    seen, ticks = [], []
    summary = run_batch([folder], on_record=seen.append, progress=lambda done, total: ticks.append((done, total)))
    assert (summary.files, summary.analysed, summary.partitions) == (6, 5, 1)
    bad = str(folder / "b_bad.vtt")
    assert summary.skipped == [(bad, "b_bad.vtt, line 3: '00:61:02.000' is not a valid time (expected HH:MM:SS.mmm)")]
    assert summary.utterances == sum(r.utterance_count for r in seen) > 100
    assert summary.utterances_per_second > 0
    assert [r.path for r in seen] == [f.name for f in find_sources([folder])]
    assert seen[0].line == {"path": bad, "ok": False, "error": summary.skipped[0][1], "error_code": "T005",
                            "practitioner": None, "utterance_count": 0}
    assert ticks[-1] == (6, 6) and len(ticks) == 6


def test_a_json_line_is_the_analysis_json_without_the_transcripts_words(folder):
    seen = []
    run_batch([folder / "counselling_tc.txt"], on_record=seen.append)
    line = seen[0].line
    assert line["ok"] and line["practitioner"] == "T" and line["utterance_count"] == 31
    assert {"metrics", "feedback", "pipeline", "miti_context", "journal_prompts"} <= set(line)
    assert "utterances" not in line and "role_note" not in line
    assert line["feedback"] and all(set(o) == {"kind", "strength", "form", "evidence", "claims"} for o in line["feedback"])
    assert "Jordan" not in json.dumps(line)  # the client's name is said in the session


def test_with_text_the_json_line_keeps_feedback_messages_quotes_and_utterance_text(folder):
    seen = []
    run_batch([folder / "counselling_tc.txt"], text=True, utterances=True, on_record=seen.append)
    line = seen[0].line
    assert all({"message", "quotes"} <= set(o) for o in line["feedback"])
    assert line["utterances"][0]["text"] == "Welcome back, Jordan. Where would you like to start today?"
    assert line["utterances"][0]["speaker"] == "T" and "role_note" in line


def test_new_fields_of_the_analysis_json_pass_through_to_both_outputs(folder, tmp_path, monkeypatch):
    from alliance.analysis import Analysis

    original = Analysis.to_dict
    monkeypatch.setattr(Analysis, "to_dict", lambda self: {**original(self), "claims": [{"code": "reflection", "precision": 0.8}], "grade": "b"})
    run_batch([folder / "counselling_tc.txt"], outs=[tmp_path / "r.jsonl", tmp_path / "r.parquet"])
    line = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))
    assert line["claims"] == [{"code": "reflection", "precision": 0.8}] and line["grade"] == "b"
    row = pq.read_table(tmp_path / "r.parquet").to_pylist()[0]
    assert json.loads(row["claims"]) == line["claims"] and row["grade"] == "b"


def test_parquet_has_one_row_per_session_in_input_order_with_metrics_as_columns(folder, tmp_path):
    summary = run_batch([folder], outs=[tmp_path / "results.parquet"], files_per_task=2)
    assert summary.outputs == [str(tmp_path / "results.parquet")]
    table = pq.read_table(tmp_path / "results.parquet")
    rows = table.to_pylist()
    assert [Path(r["path"]).name for r in rows] == names(find_sources([folder]))
    bad, zoom = rows[0], rows[-1]
    assert (bad["ok"], bad["error_code"], bad["questions"], bad["utterances"]) == (False, "T005", None, 0)
    assert (zoom["ok"], zoom["practitioner"], zoom["utterances"], zoom["questions"]) == (True, "Maria Okafor", 31, 9)
    assert zoom["coder"].startswith("alliance.coder.v") and zoom["artifact_hash"]
    assert zoom["pipeline"].startswith("alliance.transcripts.v1,")
    # The level column is what the analysis says: the sample's R:Q (0.9, 7 reflections to 9 questions) is too near
    # MITI's 'fair' line for the coder to say which side it falls, so it has no level (metrics/miti.py).
    assert (zoom["reflection_to_question_ratio"], zoom["reflection_to_question_ratio_level"]) == (0.9, None)
    assert 0 < zoom["reflection_to_question_sureness"] < 0.6
    assert str(table.schema.field("reflection_to_question_ratio").type) == "double"
    assert not (tmp_path / "results.utterances.parquet").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "results.parquet"]  # shards are cleaned up


def test_the_utterance_table_holds_codes_only_unless_text_is_asked_for(folder, tmp_path):
    run_batch([folder / "counselling_tc.txt"], outs=[tmp_path / "r.parquet"], utterances=True)
    table = pq.read_table(tmp_path / "r.utterances.parquet")
    assert table.num_rows == 31
    assert table.column_names[:5] == ["path", "index", "role", "start", "end"]
    assert {"behaviour", "question", "reflection", "client_talk", "confidence"} <= set(table.column_names)
    assert "text" not in table.column_names and "speaker" not in table.column_names
    run_batch([folder / "counselling_tc.txt"], outs=[tmp_path / "t.parquet"], utterances=True, text=True)
    first = pq.read_table(tmp_path / "t.utterances.parquet").to_pylist()[0]
    assert (first["speaker"], first["text"]) == ("T", "Welcome back, Jordan. Where would you like to start today?")


def test_urls_are_read_by_the_worker_and_name_the_file_in_their_errors():
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/batch-test/a.txt", sample_path("text").read_bytes())
    fs.pipe("/batch-test/bad.vtt", BAD_VTT.encode())
    seen = []
    try:
        summary = run_batch(["memory://batch-test"], on_record=seen.append)
    finally:
        fs.rm("/batch-test", recursive=True)
    assert summary.analysed == 1 and seen[0].utterance_count == 31
    assert summary.skipped == [("memory://batch-test/bad.vtt", "bad.vtt, line 3: '00:61:02.000' is not a valid time (expected HH:MM:SS.mmm)")]


def test_an_output_appears_whole_or_not_at_all(folder, tmp_path, monkeypatch):
    from alliance.batch import outputs

    target = tmp_path / "results.parquet"
    target.write_bytes(b"last month's results")

    def fail_half_way(out, names, partial):
        Path(partial).write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs, "_merge_parquet", fail_half_way)
    with pytest.raises(AllianceError) as caught:
        run_batch([folder], outs=[target])
    assert str(caught.value).startswith(f"{target}: the results could not be written there (No space left on device).")
    assert target.read_bytes() == b"last month's results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "results.parquet"]


def test_a_shards_folder_the_user_names_keeps_everything_but_this_runs_shards(folder, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "keep.txt").write_text("someone else's file", encoding="utf-8")
    run_batch([folder], outs=[tmp_path / "r.jsonl"], shards=str(shared), files_per_task=2)
    assert [p.name for p in shared.iterdir()] == ["keep.txt"]
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 6


def test_an_output_with_another_ending_is_refused_before_anything_runs(folder, tmp_path):
    with pytest.raises(AllianceError) as caught:
        run_batch([folder], outs=[tmp_path / "results.csv"])
    assert str(caught.value) == f"{tmp_path / 'results.csv'}: Alliance writes batch results as .jsonl or .parquet; give the output file one of these endings."


def test_an_output_in_a_folder_that_does_not_exist_is_refused_before_anything_runs(folder, tmp_path):
    target = tmp_path / "missing" / "results.jsonl"
    with pytest.raises(AllianceError) as caught:
        run_batch([folder], outs=[target], progress=lambda *a: pytest.fail("the batch ran"))
    assert caught.value.code == "B004"
    assert str(caught.value).endswith(": the results could not be written there (No such file or directory). Choose a folder that exists and that you can write to.")


def test_a_worker_that_cannot_write_its_shards_says_where_and_the_message_survives_the_trip_back(folder, tmp_path):
    import pickle

    nowhere = str(tmp_path / "not-made" / "parts")
    with pytest.raises(work.WorkerProblem) as caught:
        work.run_task(0, find_sources([folder / "counselling_tc.txt"]), work.Options(), nowhere, ("jsonl",))
    message = pickle.loads(pickle.dumps(caught.value)).message
    assert message == (f"{nowhere}: a worker could not write its results there (No such file or directory). "
                       "Give --shards a folder or URL that every worker can write to and this machine can read.")


def test_shards_the_workers_wrote_where_this_machine_cannot_see_them_stop_the_merge(tmp_path):
    from alliance.batch import outputs

    shard_dir = str(tmp_path / "parts")
    written = {outputs.shard_name(shard_dir, 0, "jsonl")}  # reported by a worker, absent here
    with pytest.raises(AllianceError) as caught:
        outputs.merge([outputs.Output(str(tmp_path / "r.jsonl"), "jsonl")], shard_dir, 1, written)
    assert str(caught.value) == (f"{shard_dir}: the workers wrote their results there, but this machine cannot read them. "
                                 "Give --shards a folder or URL that the workers and this machine can both reach.")


@pytest.mark.slow
def test_a_local_dask_cluster_writes_the_same_files_as_this_process(folder, tmp_path):
    here = [tmp_path / "here.jsonl", tmp_path / "here.parquet"]
    run_batch([folder], outs=here, utterances=True)
    seen = []
    summary = run_batch([folder], outs=[tmp_path / "dask.jsonl", tmp_path / "dask.parquet"], utterances=True,
                        workers=2, files_per_task=1, send_contents=True, progress=lambda *a: seen.append(a))
    assert (summary.partitions, summary.analysed, len(summary.skipped)) == (6, 5, 1)
    assert seen[-1] == (6, 6)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "here.jsonl").read_bytes()
    for name in ("{}.parquet", "{}.utterances.parquet"):
        assert pq.read_table(tmp_path / name.format("dask")).equals(pq.read_table(tmp_path / name.format("here")))
    assert len(summary.workers) == 2
    # Forked from this process after it loaded the coder: each worker inherits it, none loads it again.
    assert all(w.coder_inherited and w.coder_load_s is None for w in summary.workers.values())
    assert all(w.peak_rss_mb > 0 and w.files for w in summary.workers.values())
