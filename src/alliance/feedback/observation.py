"""What feedback is made of: observations and journal prompts that point at utterances."""

from __future__ import annotations

from dataclasses import dataclass, field

QUOTE_CHARS = 120  # longer utterances are shortened with "…" at a word boundary

STRENGTH_KINDS = ("affirmations", "complex_reflections", "reflection_balance", "sustain_reflected")


@dataclass(frozen=True)
class Observation:
    """One thing a supervisor would point out, with the utterances it rests on.

    ``evidence`` holds utterance indexes; ``quotes`` holds the quoted text of the
    utterances the message quotes, in the order it quotes them.
    """

    kind: str
    message: str
    evidence: list[int]
    quotes: list[str] = field(default_factory=list)

    @property
    def is_strength(self) -> bool:
        return self.kind in STRENGTH_KINDS

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "strength": self.is_strength,
            "message": self.message,
            "evidence": list(self.evidence),
            "quotes": list(self.quotes),
        }


@dataclass(frozen=True)
class JournalPrompt:
    """A question for the practitioner's reflection journal, linked to moments worth revisiting."""

    prompt: str
    hint: str
    evidence: list[int]

    def to_dict(self) -> dict:
        return {"prompt": self.prompt, "hint": self.hint, "evidence": list(self.evidence)}


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """The utterance's own words, shortened with "…" at a word boundary when long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-") + "…"


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """Small counts in words, the way people say them."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{number(n)} times")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{number(n)} {one if n == 1 else (many or one + 's')}"


def refs(indexes, limit: int = 5) -> str:
    """'#2, #4 and #11' (at most ``limit`` shown)."""
    items = [f"#{i}" for i in indexes]
    if len(items) > limit:
        rest = len(items) - limit
        items = items[:limit] + [f"{rest} more"]
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def span(indexes) -> str:
    """'#5' or '#5 to #13' for a stretch of turns."""
    first, last = indexes[0], indexes[-1]
    return f"#{first}" if first == last else f"#{first} to #{last}"
