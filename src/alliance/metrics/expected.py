"""Session counts from calibrated probabilities instead of hard codes (docs/metrics.md, "Expected counts").

A hard code counts an utterance the coder is 55 % sure of as a whole complex
reflection; summing calibrated probabilities counts it as 0.55. Over a session the
sums are unbiased where the probabilities are calibrated, which hard counts of a
rare or hard-to-tell code are not. Codes without probabilities count as certain.
"""

from __future__ import annotations

import numpy as np

from alliance.coding.codes import Codes
from alliance.metrics.miti_levels import LEVELS, band
from alliance.transcripts.model import Transcript

DRAWS = 2000  # sessions drawn from the calibrated probabilities to see where R:Q's band could fall
SEED = 1729  # fixed, so the same analysis gives the same figure every time


def _p(c: Codes, field: str, value) -> float:
    p = c.probability(field, value)
    if p is None:
        return float(getattr(c, field) == value)
    return p


def expected_counts(transcript: Transcript, codes: list[Codes]) -> dict[str, float]:
    n = dict.fromkeys(("questions", "open", "closed", "reflections", "simple", "complex", "change", "sustain"), 0.0)
    for u, c in zip(transcript.utterances, codes):
        if u.role == "practitioner":
            n["questions"] += _p(c, "behaviour", "question")
            n["open"] += _p(c, "question", "open")
            n["closed"] += _p(c, "question", "closed")
            n["reflections"] += _p(c, "behaviour", "reflection")
            n["simple"] += _p(c, "reflection", "simple")
            n["complex"] += _p(c, "reflection", "complex")
        elif u.role == "client":
            n["change"] += _p(c, "client_talk", "change")
            n["sustain"] += _p(c, "client_talk", "sustain")
    return n


def expected_metrics(transcript: Transcript, codes: list[Codes]) -> dict[str, float | None]:
    """The count-based session metrics (metrics.session names) computed from expected counts."""
    n = expected_counts(transcript, codes)
    return {
        "questions": round(n["questions"], 1),
        "open_questions": round(n["open"], 1),
        "closed_questions": round(n["closed"], 1),
        "percent_open_questions": _percent(n["open"], n["open"] + n["closed"]),
        "reflections": round(n["reflections"], 1),
        "simple_reflections": round(n["simple"], 1),
        "complex_reflections": round(n["complex"], 1),
        "percent_complex_reflections": _percent(n["complex"], n["simple"] + n["complex"]),
        "reflection_to_question_ratio": round(n["reflections"] / n["questions"], 2) if n["questions"] >= 0.5 else None,
        "change_talk": round(n["change"], 1),
        "sustain_talk": round(n["sustain"], 1),
        "change_talk_share": round(n["change"] / (n["change"] + n["sustain"]), 3) if n["change"] + n["sustain"] >= 0.5 else None,
    }


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole >= 0.5 else None


def ratio_band_sureness(transcript: Transcript, codes: list[Codes], ratio: float | None) -> float | None:
    """How often R:Q falls in the MITI band of ``ratio`` when each turn's code is drawn from its calibrated probabilities.

    Every practitioner turn is a question, a reflection or neither with the coder's calibrated
    probabilities; over ``DRAWS`` such sessions, the share whose reflections-to-questions ratio lands
    in the same band (below fair / fair / good) as ``ratio``. Few turns, or many unsure ones near a
    line, give a low share (docs/metrics.md, "Validity"). None when there is no ratio or no turn
    carries probabilities (hand-set codes count as certain).
    """
    if ratio is None:
        return None
    turns = [c for u, c in zip(transcript.utterances, codes) if u.role == "practitioner"]
    if not turns or all(c.probability("behaviour", "question") is None for c in turns):
        return None
    question = np.array([_p(c, "behaviour", "question") for c in turns])
    reflection = np.array([_p(c, "behaviour", "reflection") for c in turns])
    draw = np.random.default_rng(SEED).random((DRAWS, len(turns)))
    questions = (draw < question).sum(axis=1)
    reflections = ((draw >= question) & (draw < question + reflection)).sum(axis=1)
    asked = questions > 0  # a draw with no question has no ratio, as the hard counts say
    if not asked.any():
        return 0.0
    bands = np.digitize(reflections[asked] / questions[asked], LEVELS["reflection_to_question_ratio"])  # as band()
    return round(float((bands == band(ratio, "reflection_to_question_ratio")).mean()), 3)
