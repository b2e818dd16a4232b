"""Who is the practitioner, judged by how each person speaks (docs/transcripts.md, "Roles").

When a transcript does not say who is who, the parser's first guess leans on "?" and
on who speaks first, which fails on captions without punctuation and on sessions the
client opens. Here the coder itself listens: each candidate is coded as if they were
the practitioner, and the one whose turns most look like a practitioner's (questions
and reflections, by the calibrated therapist model) is chosen. A speaker label that
names the role ("Counsellor", "Client") decides first. The result says how sure it is,
so an unsure guess asks the person to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from alliance.transcripts.model import Transcript

SURE_MARGIN = 0.15  # difference in practitioner-likeness between the top two candidates
_PRACTITIONER_LABEL = re.compile(
    r"\b(therapist|counsel+or|practitioner|social worker|worker|interviewer|clinician|dr|doctor|nurse|coach|"
    r"facilitator|advis[eo]r|keyworker|caseworker|psychologist)\b",
    re.I,
)
_CLIENT_LABEL = re.compile(r"\b(client|patient|service user|young person|caller|participant)\b", re.I)


@dataclass(frozen=True)
class RoleGuess:
    practitioner: str
    sure: bool
    how: str  # "label", "speech" or "only one candidate"
    likeness: dict[str, float] = field(default_factory=dict)  # speaker -> mean P(question or reflection)

    def to_dict(self) -> dict:
        return {"practitioner": self.practitioner, "sure": self.sure, "how": self.how,
                "likeness": {k: round(v, 3) for k, v in self.likeness.items()}}


def candidates(transcript: Transcript) -> list[str]:
    """Speakers who could be the practitioner: everyone the parser did not call other."""
    return [s for s in transcript.speakers() if any(u.role in ("practitioner", "client") for u in transcript.utterances if u.speaker == s)]


def as_practitioner(transcript: Transcript, speaker: str) -> Transcript:
    """The transcript with ``speaker`` as the practitioner and the other candidates as clients."""
    utterances = [
        replace(u, role="practitioner" if u.speaker == speaker else "client" if u.role in ("practitioner", "client") else u.role)
        for u in transcript.utterances
    ]
    return replace(transcript, utterances=utterances)


def practitioner_likeness(coder, transcript: Transcript, speaker: str) -> float:
    """Mean calibrated P(question) + P(reflection) over the speaker's turns, coded as the practitioner's."""
    trial = as_practitioner(transcript, speaker)
    predicted = coder.predict_distributions([trial])["therapist"]
    values = [a[1]["question"] + a[1]["reflection"] for u, a in zip(trial.utterances, predicted) if u.speaker == speaker and a]
    return sum(values) / len(values) if values else 0.0


def guess_practitioner(coder, transcript: Transcript) -> RoleGuess | None:
    """Who, of the candidates, is most likely the practitioner; None with fewer than two candidates."""
    people = candidates(transcript)
    if len(people) < 2:
        return None
    named = [s for s in people if _PRACTITIONER_LABEL.search(s) and not _CLIENT_LABEL.search(s)]
    if len(named) == 1:
        return RoleGuess(named[0], True, "label")
    likeness = {s: practitioner_likeness(coder, transcript, s) for s in people}
    ranked = sorted(people, key=lambda s: (-likeness[s], people.index(s)))
    margin = likeness[ranked[0]] - likeness[ranked[1]]
    return RoleGuess(ranked[0], margin >= SURE_MARGIN, "speech", likeness)


def apply_guess(transcript: Transcript, guess: RoleGuess) -> Transcript:
    """Set the roles from the guess and explain it in ``role_note``."""
    chosen = as_practitioner(transcript, guess.practitioner)
    clients = [s for s in candidates(chosen) if s != guess.practitioner]
    others = [s for s in chosen.speakers() if s not in clients and s != guess.practitioner]
    return replace(chosen, roles_guessed=True, role_note=role_note(guess, clients, others))


def role_note(guess: RoleGuess, clients: list[str], others: list[str]) -> str:
    who = f"{guess.practitioner!r} is taken as the practitioner"
    if guess.how == "label":
        why = f"Roles were guessed from the speaker names: {who}"
    else:
        share = round(100 * guess.likeness[guess.practitioner])
        rest = ", ".join(f"{round(100 * guess.likeness[s])}% for {s!r}" for s in clients)
        why = (f"Roles were guessed from how each person speaks: {who} "
               f"(questions and reflections in about {share}% of their turns, against {rest})")
    parts = [why]
    if clients:
        parts.append(f"{_names(clients)} as the client")
    if others:
        parts.append(f"{_names(others)} as other")
    note = "; ".join(parts) + "."
    if not guess.sure:
        note += " This guess is not certain: please confirm who is who."
    return note


def _names(names: list[str]) -> str:
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
