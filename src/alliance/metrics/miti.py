"""MITI 4.2.1 summary thresholds, shown as context beside a session's metrics.

The manual (Moyers, Manuel & Ernst, 2014; rev. 4.2.1) gives "fair" and "good"
levels for two summary scores and says they rest on expert opinion, not on data.
We show them as a point of reference, never as a grade.
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance.metrics.session import LABELS, SessionMetrics
from alliance.metrics.validity import NO_MITI_LEVEL, note

SOURCE = "MITI 4.2.1"
CAVEAT = (
    "MITI 4.2.1 offers these levels as a rough guide; the manual says they are based on "
    "expert opinion rather than research data, so read them as context, not as a score."
)
QUESTIONS_NOTE = (
    "MITI 4 counts open and closed questions together; Alliance shows them separately "
    "because the mix is useful in supervision."
)

# R:Q over a handful of turns swings with each one: in expert-coded sessions (grouped CV on AnnoMI
# train) ours followed the experts' R:Q with r 0.59 over all sessions and 0.72 where at least ten
# questions and reflections were coded (docs/metrics.md, "Validity"), so below that it is shown but
# not placed against the levels. Counting both, not questions alone, keeps the level for a session
# that reflects often and asks little.
MIN_TURNS_FOR_LEVEL = 10
FEW_TURNS_NOTE = (
    f"Fewer than {MIN_TURNS_FOR_LEVEL} questions and reflections were coded, and a ratio over so few turns "
    "swings with each one, so R:Q is not placed against MITI's levels for this session."
)

# metric key -> (label, fair, good); the label is the metric's one name (metrics/session.py LABELS)
THRESHOLDS: dict[str, tuple[str, float, float]] = {
    key: (LABELS[key], fair, good)
    for key, fair, good in (("reflection_to_question_ratio", 1.0, 2.0), ("percent_complex_reflections", 40.0, 50.0))
}


@dataclass(frozen=True)
class Summary:
    key: str
    label: str
    value: float | None
    fair: float
    good: float
    few: bool = False  # too few turns behind the value to set it against the levels

    @property
    def note(self) -> str:
        """Why the level is not given: a metric that cannot carry it (metrics/validity.py), or too few turns."""
        if self.key in NO_MITI_LEVEL:
            return note(self.key)
        return FEW_TURNS_NOTE if self.few else ""

    @property
    def level(self) -> str | None:
        """'good', 'fair' or 'below fair' against the thresholds; None without a value or a valid comparison."""
        if self.value is None or self.key in NO_MITI_LEVEL or self.few:
            return None
        if self.value >= self.good:
            return "good"
        if self.value >= self.fair:
            return "fair"
        return "below fair"

    def to_dict(self) -> dict:
        return {
            "key": self.key, "label": self.label, "value": self.value,
            "fair": self.fair, "good": self.good, "level": self.level, "note": self.note,
        }


@dataclass(frozen=True)
class MitiContext:
    summaries: tuple[Summary, ...]
    source: str = SOURCE
    caveat: str = CAVEAT
    questions_note: str = QUESTIONS_NOTE

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "caveat": self.caveat,
            "questions_note": self.questions_note,
            "summaries": [s.to_dict() for s in self.summaries],
        }


def miti_context(metrics: SessionMetrics) -> MitiContext:
    """Place R:Q and %CR against MITI's fair / good levels (R:Q only over ``MIN_TURNS_FOR_LEVEL`` turns or more)."""
    few_turns = metrics.questions + metrics.reflections < MIN_TURNS_FOR_LEVEL
    return MitiContext(tuple(
        Summary(key, label, getattr(metrics, key), fair, good,
                few=key == "reflection_to_question_ratio" and getattr(metrics, key) is not None and few_turns)
        for key, (label, fair, good) in THRESHOLDS.items()
    ))
