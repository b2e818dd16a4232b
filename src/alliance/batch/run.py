"""``run_batch``: the single-session analysis mapped over many files, in this process or on Dask.

The files are split into partitions of consecutive files (``sources.partition``); each
partition is one task, ``work.run_partition``, the very same function in this process and
on a worker. With outputs, every task writes its records as shards and the client merges
them in input order; without, records come back to the client and are handed to
``on_record`` in input order. One bad transcript is reported and skipped, never stops the batch.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from alliance.batch import outputs as out_mod
from alliance.batch.records import Record
from alliance.batch.sources import SourceFile, find_sources, partition, with_content
from alliance.batch.work import (
    Options,
    PartitionResult,
    WorkerProblem,
    process_coder,
    run_partition,
    run_task,
)
from alliance.errors import AllianceError

Progress = Callable[[int, int], None]  # (files done, files in the batch)


@dataclass
class WorkerStats:
    """What one worker process did: the figures behind utterances/s and memory per worker."""

    worker: str
    pid: int
    partitions: int = 0
    files: int = 0
    utterances: int = 0
    busy_s: float = 0.0
    cpu_s: float = 0.0
    coder_load_s: float | None = None
    coder_inherited: bool = False
    peak_rss_mb: float = 0.0

    @property
    def utterances_per_second(self) -> float:
        return self.utterances / self.busy_s if self.busy_s else 0.0


@dataclass
class BatchSummary:
    files: int = 0
    analysed: int = 0
    utterances: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    partitions: int = 0
    seconds: float = 0.0
    where: str = "this process"
    outputs: list[str] = field(default_factory=list)
    workers: dict[str, WorkerStats] = field(default_factory=dict)
    shards: set[str] = field(default_factory=set)

    @property
    def utterances_per_second(self) -> float:
        return self.utterances / self.seconds if self.seconds else 0.0

    def add(self, result: PartitionResult) -> None:
        self.shards.update(result.shards)
        self.analysed += result.analysed
        self.utterances += result.utterances
        self.skipped.extend(result.skipped)
        key = f"{result.worker} (pid {result.pid})"
        stats = self.workers.setdefault(key, WorkerStats(result.worker, result.pid))
        stats.partitions += 1
        stats.files += result.files
        stats.utterances += result.utterances
        stats.busy_s += result.seconds
        stats.cpu_s += result.cpu_s
        stats.coder_load_s = result.coder_load_s
        stats.coder_inherited = result.coder_inherited
        stats.peak_rss_mb = max(stats.peak_rss_mb, result.peak_rss_mb)

    def to_dict(self) -> dict:
        return {
            "files": self.files, "analysed": self.analysed, "skipped": len(self.skipped),
            "utterances": self.utterances, "seconds": round(self.seconds, 3),
            "utterances_per_second": round(self.utterances_per_second, 1),
            "partitions": self.partitions, "where": self.where, "outputs": self.outputs,
            "skipped_files": [{"path": p, "reason": r} for p, r in self.skipped],
            "workers": [
                {"worker": w.worker, "pid": w.pid, "partitions": w.partitions, "files": w.files,
                 "utterances": w.utterances, "busy_s": round(w.busy_s, 3), "cpu_s": round(w.cpu_s, 3),
                 "utterances_per_second": round(w.utterances_per_second, 1),
                 "coder_load_s": None if w.coder_load_s is None else round(w.coder_load_s, 3),
                 "coder_inherited": w.coder_inherited,
                 "peak_rss_mb": w.peak_rss_mb}
                for w in self.workers.values()
            ],
        }


def run_batch(
    inputs: Iterable[str | Path],
    *,
    outs: Iterable[str | Path] = (),
    practitioner: str | Iterable[str] | None = None,
    format: str | None = None,
    text: bool = False,
    utterances: bool = False,
    workers: int = 0,
    scheduler: str | None = None,
    shards: str | None = None,
    send_contents: bool = False,
    files_per_task: int = 0,
    progress: Progress | None = None,
    on_record: Callable[[Record], None] | None = None,
) -> BatchSummary:
    """Analyse every transcript in ``inputs`` (files, folders, fsspec URLs) and write ``outs``.

    ``workers=0`` and no ``scheduler``: in this process. ``workers=N``: a Dask LocalCluster
    of N single-threaded processes. ``scheduler="tcp://host:8786"``: an existing Dask cluster.
    ``outs``: ``.jsonl`` and/or ``.parquet`` files; without any, each record goes to
    ``on_record``. ``shards``: where workers write their shards (a folder or URL they can
    reach; by default a hidden folder beside the first output). ``send_contents``: the client
    reads each file and sends its bytes with the task, for workers that cannot see the files.
    ``progress(done, total)`` is called as files finish (per partition on Dask).
    """
    if isinstance(practitioner, str):
        practitioner = [practitioner]
    options = Options(tuple(practitioner) if practitioner else None, format, text, utterances)
    planned = out_mod.plan_outputs([str(o) for o in outs], utterances)
    started = time.perf_counter()
    files = find_sources(inputs)
    use_dask = bool(scheduler) or workers > 0
    parts = partition(files, workers if use_dask else 0, files_per_task)
    summary = BatchSummary(files=len(files), partitions=len(parts), outputs=[o.path for o in planned])
    shard_dir = None
    if planned:
        # Always a folder of this run's own, removed at the end: never the folder the user named.
        shard_dir = out_mod.run_shard_dir(shards) if shards else out_mod.default_shard_dir(planned)
        out_mod.make_shard_dir(shard_dir)
    kinds = tuple(dict.fromkeys(o.kind for o in planned))
    try:
        if use_dask:
            _run_dask(parts, options, shard_dir, kinds, scheduler, workers, send_contents, summary, progress, on_record)
        else:
            _run_here(parts, options, shard_dir, kinds, summary, progress, on_record)
        if planned:
            out_mod.merge(planned, shard_dir, len(parts), summary.shards)
    finally:
        if shard_dir is not None:
            out_mod.remove_shards(shard_dir)
    order = {f.name: i for i, f in enumerate(files)}
    summary.skipped.sort(key=lambda item: order.get(item[0], 0))
    summary.seconds = time.perf_counter() - started
    return summary


def _run_here(parts, options, shard_dir, kinds, summary, progress, on_record):
    done = 0
    total = summary.files

    def each(record: Record) -> None:
        nonlocal done
        done += 1
        if on_record is not None and shard_dir is None:
            on_record(record)
        if progress:
            progress(done, total)

    for index, part in enumerate(parts):
        summary.add(run_partition(index, part, options, shard_dir, kinds, each=each))


def _run_dask(parts, options, shard_dir, kinds, scheduler, workers, send_contents, summary, progress, on_record):
    try:
        from distributed import Client, LocalCluster, as_completed

        from alliance.batch.plugin import CoderPreload
    except ImportError:
        raise AllianceError("G003") from None
    cluster = None
    if scheduler:
        summary.where = f"the Dask cluster at {scheduler}"
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise AllianceError("B005", address=scheduler, detail=type(exc).__name__) from None
    else:
        summary.where = f"a local Dask cluster of {workers} worker process(es)"
        cluster = _local_cluster(workers, LocalCluster)
        client = Client(cluster)
    try:
        client.register_plugin(CoderPreload())
        threads = max(1, sum(client.nthreads().values()))
        run_id = uuid.uuid4().hex[:8]
        pending = iter(enumerate(parts))

        def submit_next():
            nxt = next(pending, None)
            if nxt is None:
                return None
            index, part = nxt
            if send_contents:
                part = [with_content(f) for f in part]
            return client.submit(run_task, index, part, options, shard_dir, kinds,
                                 key=f"alliance-batch-{run_id}-{index:05d}", pure=False)

        # A bounded number of tasks in flight keeps the client's and the scheduler's memory
        # flat however many files there are (and bounds file contents held when sending them).
        window = [f for f in (submit_next() for _ in range(max(4, 3 * threads))) if f is not None]
        queue = as_completed(window)
        done, waiting, emit = 0, {}, 0
        for future in queue:
            try:
                result: PartitionResult = future.result()
            except WorkerProblem as exc:
                raise AllianceError("B009", detail=exc.message) from None
            future.release()
            nxt = submit_next()
            if nxt is not None:
                queue.add(nxt)
            summary.add(result)
            done += result.files
            if on_record is not None and result.records is not None:
                waiting[result.index] = result.records
                while emit in waiting:
                    for record in waiting.pop(emit):
                        on_record(record)
                    emit += 1
            if progress:
                progress(done, summary.files)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _local_cluster(workers: int, LocalCluster):
    """N single-threaded worker processes on this machine.

    On Linux they are forked from this process after it has loaded the coder, so each starts
    in a fraction of a second with the coder already in (shared) memory; spawning a fresh
    interpreter per worker costs 2-5 s of imports on a small machine (docs/benchmarks.md).
    """
    import dask

    method = "spawn"
    if sys.platform.startswith("linux"):
        process_coder()
        method = "fork"
    # Dask's statistical profiler samples every task's stack 100 times a second, holding the
    # GIL: a pure-Python analysis pays for it (docs/deployment.md says how to turn it off on a cluster).
    quiet = {"distributed.worker.multiprocessing-method": method, "distributed.worker.profile.enabled": False}
    with dask.config.set(quiet):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


__all__ = ["BatchSummary", "SourceFile", "WorkerStats", "run_batch"]
