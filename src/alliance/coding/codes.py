"""The codes attached to one utterance. Fields that do not apply are None."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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
    # Model confidence in the main label (behaviour or client_talk), 0..1.
    confidence: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)
