"""Where each utterance sits in its conversation: the turns a coder looks at.

A reflection answers the client turn before it; change talk answers the
practitioner turn before it; the reply after a question shows what kind of
question it was. So every utterance is described by itself, the previous turn
of the other person, and the next turn of the other person. Where it falls in
the session matters too: greetings and agenda-setting open a session, change
talk and planning gather towards its end.
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance.transcripts.model import Transcript

SPEAKING_ROLES = ("practitioner", "client")


@dataclass(frozen=True)
class Neighbours:
    """Row indexes (into the flat list of utterances) or -1 where there is none."""

    prev_other: list[int]
    next_other: list[int]
    prev_own: list[int]
    index: list[int]  # position of the utterance in its own transcript, from 0
    position: list[float]  # the same, as a share of the transcript: 0.0 first, 1.0 last


def neighbours(transcripts: list[Transcript]) -> Neighbours:
    prev_other: list[int] = []
    next_other: list[int] = []
    prev_own: list[int] = []
    index: list[int] = []
    position: list[float] = []
    offset = 0
    for transcript in transcripts:
        roles = [u.role for u in transcript.utterances]
        n = len(roles)
        index.extend(range(n))
        position.extend(i / (n - 1) if n > 1 else 0.0 for i in range(n))
        last_seen: dict[str, int] = {}
        for i, role in enumerate(roles):
            other = _other(role)
            prev_other.append(offset + last_seen[other] if other in last_seen else -1)
            prev_own.append(offset + last_seen[role] if role in last_seen and role in SPEAKING_ROLES else -1)
            if role in SPEAKING_ROLES:
                last_seen[role] = i
        following: dict[str, int] = {}
        nexts = [-1] * n
        for i in range(n - 1, -1, -1):
            other = _other(roles[i])
            nexts[i] = offset + following[other] if other in following else -1
            if roles[i] in SPEAKING_ROLES:
                following[roles[i]] = i
        next_other.extend(nexts)
        offset += n
    return Neighbours(prev_other, next_other, prev_own, index, position)


def _other(role: str) -> str:
    return "client" if role == "practitioner" else "practitioner" if role == "client" else ""
