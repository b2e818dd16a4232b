"""What feedback is made of: observations and journal prompts that point at utterances."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from alliance.feedback.claims import Claim

QUOTE_CHARS = 120  # longer utterances are shortened with "…" at a word boundary

# Strength kinds start with "strength_", so a reader of the JSON can tell them apart by kind alone.
STRENGTH_KINDS = (
    "strength_affirmations", "strength_complex_reflections", "strength_reflection_balance", "strength_sustain_reflected",
)


@dataclass(frozen=True)
class Observation:
    """One thing a supervisor would point out, with the utterances it rests on.

    ``evidence`` holds utterance indexes; ``quotes`` holds the quoted text of the
    utterances the message quotes, in the order it quotes them. ``claims`` lists
    what the message asserts about each utterance (``claims.py``). ``form`` is
    ``statement``, or ``question`` when the kind's claims do not hold often enough
    against expert codes to be asserted: then ``message`` is ``question_message``,
    an invitation to look again, and there are no claims (docs/feedback.md).
    """

    kind: str
    message: str
    evidence: list[int]
    quotes: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    form: str = "statement"
    question_message: str = ""

    @property
    def is_strength(self) -> bool:
        return self.kind in STRENGTH_KINDS

    def as_question(self) -> Observation | None:
        """The same moment offered as a question for reflection, or None if the kind has none."""
        if not self.question_message:
            return None
        return replace(self, message=self.question_message, claims=[], form="question")

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "strength": self.is_strength,
            "form": self.form,
            "message": self.message,
            "evidence": list(self.evidence),
            "quotes": list(self.quotes),
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(frozen=True)
class JournalPrompt:
    """A question for the practitioner's reflection journal, linked to moments worth revisiting."""

    prompt: str
    hint: str
    evidence: list[int]

    def to_dict(self) -> dict:
        return {"prompt": self.prompt, "hint": self.hint, "evidence": list(self.evidence)}


def question_only(kind: str, question: str, evidence: list[int], quotes: list[str]) -> Observation:
    """A moment the codes point at but the coder is not sure of: offered as a question, claiming nothing."""
    return Observation(kind, question, evidence, quotes, [], "question", question)


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """The utterance's own words, shortened with "…" at a word boundary when long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-") + "…"


def quoted_sentence(q: str) -> str:
    """A quote that ends a sentence: '"I know I do."' keeps its own full stop, '"and then"' gets one."""
    return f'"{q}"' if q.endswith((".", "?", "!", "…")) else f'"{q}."'


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """Small counts in words, the way people say them."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{number(n)} times")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{number(n)} {one if n == 1 else (many or one + 's')}"


def turn(index: int) -> str:
    """How people count turns: from 1 (``evidence`` keeps the 0-based utterance index)."""
    return f"turn {index + 1}"


def refs(indexes, limit: int = 5) -> str:
    """'turn 3' or 'turns 3, 5 and 12' (at most ``limit`` shown)."""
    items = [str(i + 1) for i in indexes]
    if len(items) == 1:
        return f"turn {items[0]}"
    if len(items) > limit:
        items = items[:limit] + [f"{len(items) - limit} more"]
    return "turns " + ", ".join(items[:-1]) + " and " + items[-1]


def span(indexes) -> str:
    """'turn 5' or 'turns 5 to 13' for a stretch of turns."""
    first, last = indexes[0], indexes[-1]
    return turn(first) if first == last else f"turns {first + 1} to {last + 1}"
