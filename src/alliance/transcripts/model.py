"""The container every analysis stage reads: a transcript of one session.

Roles are ``practitioner``, ``client`` or ``other``. Times are seconds (float) or
None where the source had none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("practitioner", "client", "other")


@dataclass(frozen=True)
class Cue:
    """One cue (or line) of the source, kept so evidence can point at it."""

    text: str
    line: int
    start: float | None = None
    end: float | None = None


@dataclass
class Utterance:
    """One speaker's turn: consecutive cues of one speaker merged."""

    index: int
    speaker: str
    role: str
    text: str
    start: float | None = None
    end: float | None = None
    line: int = 0
    cues: tuple[Cue, ...] = ()
    # Source-specific extras, e.g. AnnoMI's utterance_id and expert labels.
    metadata: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Transcript:
    utterances: list[Utterance]
    source: str = "<text>"
    format: str = "text"
    roles_guessed: bool = False
    role_note: str = ""
    metadata: dict = field(default_factory=dict)

    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for u in self.utterances:
            seen.setdefault(u.speaker, None)
        return list(seen)

    def by_role(self, role: str) -> list[Utterance]:
        return [u for u in self.utterances if u.role == role]
