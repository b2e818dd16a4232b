"""MITI 4.2.1 summary thresholds, shown as context beside a session's metrics.

The manual (Moyers, Manuel & Ernst, 2014; rev. 4.2.1) gives "fair" and "good"
levels for two summary scores and says they rest on expert opinion, not on data.
We show them as a point of reference, never as a grade.
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance.metrics.miti_levels import BAND_NAMES, LEVELS, band
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

# R:Q's band is given only where the coder's own calibrated probabilities put the session in it
# most of the time (metrics/expected.py, ratio_band_sureness). 0.6 is the lowest share at which, in
# expert-coded sessions (grouped CV on AnnoMI train), the band matched the experts' in at least 80 %
# of the sessions given one: 85 % of 59 of 80, against 71 % when every session got one (0.5: 78 % of
# 69; docs/metrics.md, "Validity"). Few turns, or unsure ones near a line, leave the value shown
# without a level.
MIN_LEVEL_SURENESS = 0.6
UNSURE_LEVEL_NOTE = (
    "Alliance is not sure enough of this session's questions and reflections to say on which side of "
    "MITI's levels R:Q falls (with few turns, or several unsure ones, one turn more or less moves it), "
    "so it is not placed against them for this session."
)

# metric key -> (label, fair, good); the label is the metric's one name (metrics/session.py LABELS)
THRESHOLDS: dict[str, tuple[str, float, float]] = {key: (LABELS[key], *levels) for key, levels in LEVELS.items()}


@dataclass(frozen=True)
class Summary:
    key: str
    label: str
    value: float | None
    fair: float
    good: float
    unsure: bool = False  # the coder is not sure enough of the turns behind it to set it against the levels

    @property
    def note(self) -> str:
        """Why the level is not given: a metric that cannot carry it (metrics/validity.py), or unsure turns."""
        if self.key in NO_MITI_LEVEL:
            return note(self.key)
        return UNSURE_LEVEL_NOTE if self.unsure else ""

    @property
    def level(self) -> str | None:
        """'good', 'fair' or 'below fair' against the thresholds; None without a value or a valid comparison."""
        if self.value is None or self.key in NO_MITI_LEVEL or self.unsure:
            return None
        return BAND_NAMES[band(self.value, self.key)]

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
    """Place R:Q and %CR against MITI's fair / good levels (R:Q only where the coder is sure enough of its band)."""
    sureness = metrics.reflection_to_question_sureness
    unsure_rq = sureness is not None and sureness < MIN_LEVEL_SURENESS
    return MitiContext(tuple(
        Summary(key, label, getattr(metrics, key), fair, good,
                unsure=key == "reflection_to_question_ratio" and getattr(metrics, key) is not None and unsure_rq)
        for key, (label, fair, good) in THRESHOLDS.items()
    ))
