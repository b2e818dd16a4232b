"""The coding tasks: which utterances each model reads and which label it predicts."""

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


@dataclass(frozen=True)
class Task:
    name: str
    role: str
    field: str  # the Codes field holding the label
    labels: tuple[str, ...]

    def gold(self, codes: Codes) -> str | None:
        return getattr(codes, self.field)


TASKS = {
    "therapist": Task("therapist", "practitioner", "behaviour", BEHAVIOURS),
    "client": Task("client", "client", "client_talk", CLIENT_TALK),
    "question": Task("question", "practitioner", "question", QUESTION_TYPES),
    "reflection": Task("reflection", "practitioner", "reflection", REFLECTION_TYPES),
    "input": Task("input", "practitioner", "input", INPUT_TYPES),
}
EVALUATION_TASKS = ("therapist", "client", "question", "reflection")
