"""The codes attached to one utterance. Fields that do not apply are None."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

BEHAVIOURS = ("question", "reflection", "therapist_input", "other")
QUESTION_TYPES = ("open", "closed")
REFLECTION_TYPES = ("simple", "complex")
INPUT_TYPES = ("information", "advice", "negotiation", "options")
CLIENT_TALK = ("change", "neutral", "sustain")


@dataclass
class Codes:
    behaviour: str | None = None
    question: str | None = None
    reflection: str | None = None
    input: str | None = None
    client_talk: str | None = None
    # Rule-based markers beyond AnnoMI's labels (documented in docs/coding.md).
    advice_without_permission: bool | None = None
    affirmation: bool | None = None
    # Calibrated probability that the main label (behaviour or client_talk) is right, 0..1.
    confidence: float | None = None
    # The calibrated distributions behind the codes, per field ({"behaviour": {"question": 0.8, ...}, ...});
    # used for claim confidence and expected counts, not part of the JSON (docs/analysis.md).
    probabilities: dict | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in JSON_FIELDS}

    @classmethod
    def from_dict(cls, data: dict | None) -> Codes:
        """Read back ``to_dict()`` as a stored analysis keeps it (docs/analysis.md); missing fields are None."""
        data = data or {}
        return cls(**{name: data.get(name) for name in JSON_FIELDS})

    def probability(self, field_name: str, value) -> float | None:
        """Calibrated probability that ``field_name`` is ``value`` for this utterance (None if unknown)."""
        return claim_probability(self, field_name, value)


# Below this calibrated confidence a code is shown as unsure: about one in two or more such codes
# differs from the experts' (docs/coding.md, "Calibration").
UNSURE_BELOW = 0.6


def is_unsure(confidence: float | None) -> bool:
    return confidence is not None and confidence < UNSURE_BELOW


JSON_FIELDS = (
    "behaviour", "question", "reflection", "input", "client_talk", "advice_without_permission", "affirmation", "confidence",
)
# A subtype is only ever true of its behaviour: P(question = open) = P(question) x P(open | question).
_SUBTYPE_OF = {"question": "question", "reflection": "reflection", "input": "therapist_input"}


def claim_probability(codes: Codes, field_name: str, value) -> float | None:
    p = codes.probabilities
    if not p:
        return None
    if field_name in ("behaviour", "client_talk"):
        return p.get(field_name, {}).get(value)
    if field_name in _SUBTYPE_OF:
        parent = p.get("behaviour", {}).get(_SUBTYPE_OF[field_name])
        own = p.get(field_name, {}).get(value)
        return None if parent is None or own is None else parent * own
    if field_name == "advice_without_permission" and value is True and codes.advice_without_permission:
        return claim_probability(codes, "input", "advice")
    return None
