"""Batch analysis for agencies: the single-session ``analyze`` mapped over many transcripts.

One bad transcript is reported and skipped, never stops the batch (STYLE.md 4). The same
function runs in this process, or on Dask (a LocalCluster, or a real cluster by address)
when the ``batch`` extra is installed. Nothing is re-implemented for scale.
"""

from __future__ import annotations

from alliance.batch.run import BatchItem, BatchSummary, analyze_one, iter_transcripts, run_batch

__all__ = ["BatchItem", "BatchSummary", "analyze_one", "iter_transcripts", "run_batch"]
