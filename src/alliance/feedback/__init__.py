"""Feedback on one coded session (stage ``alliance.feedback.v2``), the way a good supervisor gives it.

Reads ``transcript``, ``codes`` and ``metrics``; adds ``feedback`` (a short list of
observations, strengths first, each quoting the utterances it rests on) and
``journal_prompts``. Every rule and threshold: docs/feedback.md.

    >>> fb = give_feedback(transcript, codes, metrics)
    >>> [(o.kind, o.evidence) for o in fb.observations]
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance.coding.codes import Codes
from alliance.feedback import growth, reliability, strengths
from alliance.feedback.context import Session
from alliance.feedback.journal import journal_prompts
from alliance.feedback.observation import JournalPrompt, Observation, quote
from alliance.metrics.session import SessionMetrics, check_aligned
from alliance.transcripts.model import Transcript

STAGE = "alliance.feedback.v2"
READS = ("transcript", "codes", "metrics")
ADDS = ("feedback", "journal_prompts")

MAX_OBSERVATIONS = 6
MAX_STRENGTHS = 3


@dataclass(frozen=True)
class Feedback:
    observations: list[Observation]
    journal_prompts: list[JournalPrompt]


def give_feedback(transcript: Transcript, codes: list[Codes], metrics: SessionMetrics, *, gated: bool = True) -> Feedback:
    """Strengths first (at most three), then openings to grow, at most six in all.

    ``gated``: kinds whose claims do not hold often enough against expert codes are
    offered as questions (``reliability.py``); the benchmark measures them ungated.
    """
    check_aligned(transcript, codes)
    s = Session(transcript, codes, metrics)
    found = [o for rule in strengths.RULES for o in rule(s)]
    grown = [rule(s) for rule in growth.RULES]
    if gated:
        found = reliability.gate(found)
        grown = [reliability.gate(g) for g in grown]
    good = _statements_first(found)[:MAX_STRENGTHS]
    grow = _statements_first(_interleave(grown))[: MAX_OBSERVATIONS - len(good)]
    observations = good + grow
    return Feedback(observations, journal_prompts(s, observations))


def _statements_first(observations: list[Observation]) -> list[Observation]:
    """What Alliance can stand behind comes before what it only asks about (a stable sort)."""
    return sorted(observations, key=lambda o: o.form == "question")


def _interleave(groups: list[list[Observation]]) -> list[Observation]:
    """One of each kind (in priority order) before a second of any, so the list stays varied."""
    out = []
    depth = max((len(g) for g in groups), default=0)
    for i in range(depth):
        out.extend(g[i] for g in groups if i < len(g))
    return out


__all__ = ["ADDS", "READS", "STAGE", "Feedback", "JournalPrompt", "Observation", "give_feedback", "quote"]
