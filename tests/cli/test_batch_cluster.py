"""A real Dask cluster: `dask scheduler` and two `dask worker` processes on loopback, as an agency runs them.

`alliance batch --scheduler tcp://127.0.0.1:PORT` (the real command, in its own process) must
write the same JSON lines and the same Parquet tables, file for file, as the in-process run.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alliance.transcripts import SAMPLES, sample_path

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

pytestmark = pytest.mark.slow

DASK = [str(Path(sys.executable).with_name("dask"))] if Path(sys.executable).with_name("dask").exists() else [sys.executable, "-m", "dask"]
ALLIANCE = [sys.executable, "-m", "alliance.cli.main", "batch"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers, each its own process; stopped (by their pids) afterwards."""
    logs = tmp_path_factory.mktemp("dask-logs")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = []

    def start(name, args):
        log = open(logs / f"{name}.log", "wb")
        procs.append(subprocess.Popen([*DASK, *args], stdout=log, stderr=subprocess.STDOUT, cwd=logs))

    start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"])
    for i in range(2):
        start(f"worker{i}", ["worker", address, "--nthreads", "1", "--nworkers", "1", "--host", "127.0.0.1",
                             "--no-dashboard", "--name", f"w{i}", "--local-directory", str(logs / f"w{i}")])
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout="5s") as client:
                    client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "archive"
    (root / "2025").mkdir(parents=True)
    for i, kind in enumerate(("zoom_vtt", "teams_vtt", "srt", "text", "csv", "json")):
        shutil.copy(sample_path(kind), root / ("2025" if i % 2 else "") / SAMPLES[kind])
        shutil.copy(sample_path(kind), root / f"copy{i}_{SAMPLES[kind]}")
    (root / "2025" / "broken.srt").write_text("1\n00:00:01,000 --> 00:00:00,500\nA: hi\n", encoding="utf-8")
    return root


def batch(*args, cwd):
    result = subprocess.run([*ALLIANCE, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def test_a_batch_on_a_real_cluster_writes_the_same_results_as_in_process_file_for_file(cluster, folder, tmp_path):
    here = batch(folder, "--out", tmp_path / "here.parquet", "--out", tmp_path / "here.jsonl", "--utterances", cwd=tmp_path)
    there = batch(folder, "--scheduler", cluster, "--files-per-task", 2, "--out", tmp_path / "there.parquet",
                  "--out", tmp_path / "there.jsonl", "--utterances", cwd=tmp_path)
    assert "Analysed 12 of 13 transcript(s)" in here.stderr and "in this process." in here.stderr
    assert f"in the Dask cluster at {cluster}." in there.stderr
    assert "broken.srt, line 2: the cue ends at" in there.stderr
    # Both workers did some of the work, each loading the coder once.
    assert "Workers (2):" in there.stderr
    worker_lines = [line for line in there.stderr.splitlines() if line.strip().startswith("worker tcp://127.0.0.1:")]
    assert len(worker_lines) == 2 and all("coder loaded once in" in line for line in worker_lines)

    assert (tmp_path / "there.jsonl").read_bytes() == (tmp_path / "here.jsonl").read_bytes()
    for name in ("{}.parquet", "{}.utterances.parquet"):
        there_table, here_table = (pq.read_table(tmp_path / name.format(w)) for w in ("there", "here"))
        assert there_table.num_rows > 0 and there_table.equals(here_table)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no shards left behind


def test_files_sent_by_the_client_give_the_same_results(cluster, folder, tmp_path):
    batch(folder, "--out", tmp_path / "here.jsonl", cwd=tmp_path)
    batch(folder, "--scheduler", cluster, "--send-contents", "--out", tmp_path / "sent.jsonl", cwd=tmp_path)
    assert (tmp_path / "sent.jsonl").read_bytes() == (tmp_path / "here.jsonl").read_bytes()
