"""MITI 4.2.1's fair and good levels for its two summary scores, read by the metrics and their context.

The manual (Moyers, Manuel & Ernst, 2014; rev. 4.2.1) says they rest on expert opinion, not data.
"""

from __future__ import annotations

LEVELS = {"reflection_to_question_ratio": (1.0, 2.0), "percent_complex_reflections": (40.0, 50.0)}
BAND_NAMES = ("below fair", "fair", "good")  # by band()


def band(value: float, key: str) -> int:
    """0 below fair, 1 fair, 2 good (``BAND_NAMES``)."""
    fair, good = LEVELS[key]
    return 2 if value >= good else 1 if value >= fair else 0
