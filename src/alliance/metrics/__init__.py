"""Session metrics from coded utterances, with MITI 4.2.1 thresholds as context.

    >>> m = session_metrics(transcript, codes)
    >>> m.reflection_to_question_ratio, miti_context(m).summaries[0].level

Definitions: docs/metrics.md.
"""

from alliance.metrics.miti import MitiContext, Summary, miti_context
from alliance.metrics.session import (
    ADDS,
    LABELS,
    READS,
    STAGE,
    Run,
    SessionMetrics,
    practitioner_runs,
    session_metrics,
)

__all__ = [
    "ADDS",
    "LABELS",
    "READS",
    "STAGE",
    "MitiContext",
    "Run",
    "SessionMetrics",
    "Summary",
    "miti_context",
    "practitioner_runs",
    "session_metrics",
]
