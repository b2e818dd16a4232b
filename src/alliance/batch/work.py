"""What runs on a worker: analyse one partition of files with this process's coder.

The coder is loaded once per process (``process_coder``) and kept; ``plugin.CoderPreload``
is a Dask worker plugin that loads it as the worker starts, so the first task does not pay
for it and the load time is measured. A partition's results are written by the worker
as shards (``outputs.write_shards``) when the batch has a shard folder, and only a small
``PartitionResult`` goes back to the client.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from alliance.batch import records
from alliance.batch.sources import SourceFile, read_source
from alliance.errors import AllianceError

_CODER = None
_CODER_LOAD_S: float | None = None
_CODER_PID: int | None = None


def process_coder():
    """This process's coder, loaded on first use and then reused; the load is timed once.

    A worker forked from a process that already holds the coder inherits it (and shares its
    memory pages) instead of loading it again.
    """
    global _CODER, _CODER_LOAD_S, _CODER_PID
    if _CODER is None:
        from alliance.coding import load_coder

        started = time.perf_counter()
        _CODER = load_coder()
        _CODER_LOAD_S = time.perf_counter() - started
        _CODER_PID = os.getpid()
    return _CODER


def coder_load_seconds() -> float | None:
    """How long this process took to load its coder; None if it has none or inherited it."""
    return _CODER_LOAD_S if _CODER_PID == os.getpid() else None


def coder_inherited() -> bool:
    return _CODER is not None and _CODER_PID != os.getpid()


@dataclass(frozen=True)
class Options:
    """How each file is analysed and what is kept; the same for every partition of a batch."""

    practitioner: tuple[str, ...] | None = None
    format: str | None = None
    text: bool = False
    utterances: bool = False


@dataclass
class PartitionResult:
    """What a task sends back: counts, skipped files and, without a shard folder, the records."""

    index: int
    files: int = 0
    analysed: int = 0
    utterances: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    records: list[records.Record] | None = None
    shards: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_s: float = 0.0
    worker: str = ""
    pid: int = 0
    coder_load_s: float | None = None
    coder_inherited: bool = False
    peak_rss_mb: float = 0.0


class WorkerProblem(Exception):
    """One of our errors raised on a worker, carried back as text (``AllianceError`` does not pickle)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def run_task(*args, **kwargs) -> PartitionResult:
    """``run_partition`` as a Dask task: a problem a person can fix comes back as ``WorkerProblem``."""
    try:
        return run_partition(*args, **kwargs)
    except AllianceError as exc:
        raise WorkerProblem(str(exc)) from None


def analyze_file(source: SourceFile, options: Options, coder) -> records.Record:
    """One file: its records, or a skipped record with the one-sentence reason. Other exceptions are bugs and are raised."""
    from alliance.analysis import analyze_transcript
    from alliance.transcripts import parse

    try:
        content = read_source(source)
        name = PurePosixPath(source.name).name if isinstance(content, bytes) else None
        transcript = parse(content, format=options.format, practitioner=list(options.practitioner or ()) or None, name=name)
        analysis = analyze_transcript(transcript, coder)
    except AllianceError as exc:
        return records.skipped(source.name, str(exc), exc.code)
    return records.analyzed(source.name, analysis, text=options.text, utterances=options.utterances)


def run_partition(
    index: int,
    files: list[SourceFile],
    options: Options,
    shard_dir: str | None = None,
    formats: tuple[str, ...] = (),
    each: Callable[[records.Record], None] | None = None,
) -> PartitionResult:
    """Analyse ``files`` in order. With ``shard_dir``, write the records there as shards and keep none."""
    started, cpu_started = time.perf_counter(), time.thread_time()
    coder = process_coder()
    result = PartitionResult(index=index, files=len(files), pid=os.getpid(), worker=_worker_address())
    kept = []
    for source in files:
        record = analyze_file(source, options, coder)
        if record.ok:
            result.analysed += 1
            result.utterances += record.utterance_count
        else:
            result.skipped.append((record.path, record.error or ""))
        if each is not None:
            each(record)
        kept.append(record)
    if shard_dir is not None:
        from alliance.batch.outputs import write_shards

        result.shards = write_shards(shard_dir, index, kept, formats)
    else:
        result.records = kept
    result.seconds = time.perf_counter() - started
    result.cpu_s = time.thread_time() - cpu_started
    result.coder_load_s = coder_load_seconds()
    result.coder_inherited = coder_inherited()
    result.peak_rss_mb = peak_rss_mb()
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (VmHWM on Linux: not inherited from a parent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "in-process"
