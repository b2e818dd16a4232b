"""A read-only view of one coded session that the feedback rules share."""

from __future__ import annotations

from dataclasses import dataclass

from alliance.coding.codes import Codes
from alliance.metrics.session import SessionMetrics
from alliance.transcripts.model import Transcript, Utterance


@dataclass(frozen=True)
class Session:
    transcript: Transcript
    codes: list[Codes]
    metrics: SessionMetrics

    def __post_init__(self):
        object.__setattr__(self, "_by_index", {u.index: c for u, c in zip(self.transcript.utterances, self.codes)})

    def code(self, u: Utterance) -> Codes:
        return self._by_index[u.index]

    @property
    def utterances(self) -> list[Utterance]:
        return self.transcript.utterances

    def practitioner_turns(self):
        return [(u, c) for u, c in zip(self.utterances, self.codes) if u.role == "practitioner"]

    def client_turns(self):
        return [(u, c) for u, c in zip(self.utterances, self.codes) if u.role == "client"]

    def next_practitioner_turn(self, index: int) -> Utterance | None:
        """The practitioner's reply to the client turn at ``index``: their next turn, unless the client speaks again first."""
        after = False
        for u in self.utterances:
            if not after:
                after = u.index == index
                continue
            if u.role == "practitioner":
                return u
            if u.role == "client":
                return None
        return None
