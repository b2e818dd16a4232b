"""Batch analysis for agencies: the single-session analysis mapped over many transcripts.

One bad transcript is reported and skipped, never stops the batch (docs/batch-results.md). The same
function (``work.run_partition``) runs in this process, or on Dask (a LocalCluster, or an
agency's own cluster by address) when the ``batch`` extra is installed. Nothing is
re-implemented for scale. docs/analysis.md ("Batch analysis") describes the outputs.
"""

from __future__ import annotations

from alliance.batch.records import Record
from alliance.batch.run import BatchSummary, WorkerStats, run_batch
from alliance.batch.sources import SourceFile, find_sources, partition

__all__ = ["BatchSummary", "Record", "SourceFile", "WorkerStats", "find_sources", "partition", "run_batch"]
