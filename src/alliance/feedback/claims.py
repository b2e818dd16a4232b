"""What a feedback item asserts, utterance by utterance, so experts' codes can check it.

A claim says "utterance ``index`` has ``field`` = ``value``" in the codes' own terms
(docs/analysis.md, "Claims"). A count in a message claims each counted utterance;
word counts and talk shares are not claims. A claim is made only where the coder is
confident: its calibrated probability of the claimed code is at least that code's
threshold, tuned on grouped cross-validation so that such claims hold against expert
codes at least ``TARGET_PRECISION`` of the time (a margin over the 0.90 the issue asks of all claims) (bench/eval_feedback.py --write, stored
in claim_precision.json; ``MIN_CONFIDENCE`` are the defaults before it has run).
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance.coding.codes import (
    BEHAVIOURS,
    CLIENT_TALK,
    INPUT_TYPES,
    QUESTION_TYPES,
    REFLECTION_TYPES,
    Codes,
)

FIELD_VALUES = {
    "behaviour": BEHAVIOURS,
    "question": QUESTION_TYPES,
    "reflection": REFLECTION_TYPES,
    "input": INPUT_TYPES,
    "client_talk": CLIENT_TALK,
    "affirmation": (True,),
    "advice_without_permission": (True,),
}
FIELDS = tuple(FIELD_VALUES)

TARGET_PRECISION = 0.93
# Calibrated probability a code needs before feedback asserts it, per kind of claim
# (defaults; the tuned values in claim_precision.json take precedence).
MIN_CONFIDENCE = {
    ("behaviour", "reflection"): 0.80,
    ("behaviour", "question"): 0.85,
    ("behaviour", "therapist_input"): 0.80,
    ("question", "closed"): 0.80,
    ("reflection", "complex"): 0.75,
    ("client_talk", "change"): 0.70,
    ("client_talk", "sustain"): 0.70,
    ("input", "advice"): 0.70,
    ("advice_without_permission", True): 0.70,
}
DEFAULT_MIN_CONFIDENCE = 0.85


@dataclass(frozen=True)
class Claim:
    index: int
    field: str
    value: object

    def to_dict(self) -> dict:
        return {"index": self.index, "field": self.field, "value": self.value}


def confidence(codes: Codes, field: str, value) -> float:
    """Calibrated probability that the utterance's ``field`` is ``value``; 0 when the code differs or is unknown.

    Rule markers without a model behind them (affirmation) count as sure when present.
    """
    if getattr(codes, field, None) != value:
        return 0.0
    p = codes.probability(field, value)
    if p is None:
        return 1.0 if codes.probabilities is None or field == "affirmation" else 0.0
    return p


def min_confidence(field: str, value) -> float:
    from alliance.feedback.reliability import thresholds

    return thresholds().get((field, value), MIN_CONFIDENCE.get((field, value), DEFAULT_MIN_CONFIDENCE))


def sure(codes: Codes, field: str, value) -> bool:
    """Whether feedback may assert this code of this utterance.

    Codes without probabilities (set by hand, or by a coder that gives none) are taken as certain.
    """
    if codes.probabilities is None:
        return getattr(codes, field, None) == value
    return confidence(codes, field, value) >= min_confidence(field, value)


def claim(index: int, field: str, value) -> Claim:
    return Claim(index, field, value)
