"""Map ``alliance.analyze`` over files, streaming results; errors are per item."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from alliance.errors import AllianceError

TRANSCRIPT_SUFFIXES = {".vtt", ".srt", ".txt", ".csv", ".json"}


@dataclass
class BatchItem:
    """The outcome for one transcript: its metrics, or the one-sentence reason it was skipped."""

    path: str
    ok: bool
    metrics: dict | None = None
    utterances: int = 0
    feedback: int = 0
    error: str | None = None
    pipeline: dict | None = None

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "ok": self.ok,
            "utterances": self.utterances,
            "feedback": self.feedback,
            "metrics": self.metrics,
            "error": self.error,
            "pipeline": self.pipeline,
        }


@dataclass
class BatchSummary:
    analysed: int = 0
    skipped: int = 0
    utterances: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


def iter_transcripts(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and transcript files found (recursively, sorted) in folders."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES)
        else:
            yield path


def analyze_one(path: str | Path, practitioner=None, format=None) -> BatchItem:
    """Analyse one file; our own errors become a skipped item, anything else is a bug and is raised."""
    from alliance import analyze

    try:
        analysis = analyze(Path(path), practitioner=practitioner, format=format)
    except AllianceError as exc:
        return BatchItem(path=str(path), ok=False, error=str(exc))
    data = analysis.to_dict()
    return BatchItem(
        path=str(path),
        ok=True,
        metrics=data["metrics"],
        utterances=len(data["utterances"]),
        feedback=len(data["feedback"]),
        pipeline=data["pipeline"],
    )


def run_batch(
    paths: Iterable[str | Path],
    *,
    practitioner=None,
    format=None,
    scheduler: str | None = None,
    workers: int = 0,
    progress: Callable[[BatchItem], None] | None = None,
) -> Iterator[BatchItem]:
    """Yield one BatchItem per transcript, in input order.

    ``workers=0`` and no ``scheduler``: in this process. ``workers=N``: a Dask LocalCluster
    of N processes. ``scheduler="tcp://host:8786"``: an existing Dask cluster.
    """
    files = list(iter_transcripts(paths))
    if not scheduler and workers <= 0:
        for path in files:
            item = analyze_one(path, practitioner, format)
            if progress:
                progress(item)
            yield item
        return
    yield from _run_dask(files, practitioner, format, scheduler, workers, progress)


def _run_dask(files, practitioner, format, scheduler, workers, progress):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise AllianceError("G003") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(analyze_one, [str(p) for p in files], practitioner=practitioner, format=format, pure=False)
        # Results come back in input order; each future is one transcript, so memory stays bounded by the batch.
        for future in futures:
            item = future.result()
            if progress:
                progress(item)
            yield item
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
