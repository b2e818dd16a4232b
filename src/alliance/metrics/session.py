"""Session metrics (stage ``alliance.metrics.v1``): counts and ratios from coded utterances.

Reads ``transcript`` and ``codes`` (one ``Codes`` per utterance); adds ``metrics``.
Practitioner codes count only on practitioner turns and client talk only on client
turns, so a stray label on the wrong speaker cannot inflate a count.
Definitions, rounding and the null rule: docs/metrics.md.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from alliance.coding.codes import Codes
from alliance.metrics.expected import expected_counts, ratio_band_sureness
from alliance.transcripts.model import Transcript, Utterance

STAGE = "alliance.metrics.v1"
READS = ("transcript", "codes")
ADDS = ("metrics", "miti_context")


@dataclass(frozen=True)
class SessionMetrics:
    """The metrics of one session. Ratios and shares are None when their denominator is 0."""

    questions: int
    open_questions: int
    closed_questions: int
    reflections: int
    simple_reflections: int
    complex_reflections: int
    reflection_to_question_ratio: float | None
    percent_complex_reflections: float | None
    percent_open_questions: float | None
    practitioner_talk_share: float | None
    longest_practitioner_run: int
    advice_without_permission: int
    affirmations: int
    change_talk: int
    sustain_talk: int
    change_talk_share: float | None
    # How often R:Q lands in its MITI band when the turns are drawn from their calibrated probabilities
    # (metrics/expected.py); None when the codes carry none. Not shown as a row: it decides the level.
    reflection_to_question_sureness: float | None = None

    def to_dict(self) -> dict:
        # Field order is the documented key order.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict | None) -> SessionMetrics:
        """Read back ``to_dict()`` as stored; a key an older analysis lacks reads as 0, or None for a ratio."""
        data = data or {}
        return cls(**{f.name: data.get(f.name, None if "None" in str(f.type) else 0) for f in fields(cls)})


# One name for each metric a report or page shows as a row (docs/metrics.md).
LABELS = {
    "questions": "Questions",
    "reflections": "Reflections",
    "reflection_to_question_ratio": "Reflections per question (R:Q)",
    "percent_complex_reflections": "Complex reflections (%CR)",
    "percent_open_questions": "Open questions",
    "practitioner_talk_share": "Practitioner's share of the words",
    "longest_practitioner_run": "Longest practitioner stretch",
    "advice_without_permission": "Advice without permission",
    "affirmations": "Affirmations",
    "change_talk": "Client change talk",
    "sustain_talk": "Client sustain talk",
    "change_talk_share": "Change talk share",
}


@dataclass(frozen=True)
class Run:
    """Consecutive practitioner turns with no one else speaking in between."""

    indexes: tuple[int, ...]
    words: int


def practitioner_runs(transcript: Transcript) -> list[Run]:
    """Every stretch of practitioner speech, in order; a client or other turn ends a run."""
    runs: list[Run] = []
    current: list[Utterance] = []
    for u in transcript.utterances:
        if u.role == "practitioner":
            current.append(u)
            continue
        if current:
            runs.append(_run(current))
            current = []
    if current:
        runs.append(_run(current))
    return runs


def _run(utterances: list[Utterance]) -> Run:
    return Run(tuple(u.index for u in utterances), sum(u.words for u in utterances))


def check_aligned(transcript: Transcript, codes: list[Codes]) -> None:
    """Codes must come one per utterance, in order; anything else is a programming error."""
    if len(codes) != len(transcript.utterances):
        raise ValueError(f"expected {len(transcript.utterances)} codes (one per utterance), got {len(codes)}")


def session_metrics(transcript: Transcript, codes: list[Codes]) -> SessionMetrics:
    """Count the practitioner's questions, reflections and other moves and the client's talk."""
    check_aligned(transcript, codes)
    count = {
        "questions": 0, "open": 0, "closed": 0,
        "reflections": 0, "simple": 0, "complex": 0,
        "advice_wp": 0, "affirmations": 0, "change": 0, "sustain": 0,
    }
    practitioner_words = all_words = 0
    for u, c in zip(transcript.utterances, codes):
        words = u.words
        all_words += words
        if u.role == "practitioner":
            practitioner_words += words
            _count_practitioner(c, count)
        elif u.role == "client":
            if c.client_talk == "change":
                count["change"] += 1
            elif c.client_talk == "sustain":
                count["sustain"] += 1
    runs = practitioner_runs(transcript)
    expected = expected_counts(transcript, codes)
    ratio = _expected_ratio(expected, count)
    return SessionMetrics(
        questions=count["questions"],
        open_questions=count["open"],
        closed_questions=count["closed"],
        reflections=count["reflections"],
        simple_reflections=count["simple"],
        complex_reflections=count["complex"],
        # From calibrated probabilities (expected counts): a few unsure turns cannot tip it, and it holds
        # on captions without punctuation, where hard codes turn questions into reflections (metrics.md).
        reflection_to_question_ratio=ratio,
        percent_complex_reflections=_percent(count["complex"], count["reflections"]),
        percent_open_questions=_percent(count["open"], count["open"] + count["closed"]),
        practitioner_talk_share=_ratio(practitioner_words, all_words, 3),
        longest_practitioner_run=max((r.words for r in runs), default=0),
        advice_without_permission=count["advice_wp"],
        affirmations=count["affirmations"],
        change_talk=count["change"],
        sustain_talk=count["sustain"],
        change_talk_share=_ratio(count["change"], count["change"] + count["sustain"], 3),
        reflection_to_question_sureness=ratio_band_sureness(transcript, codes, ratio),
    )


def _count_practitioner(c: Codes, count: dict) -> None:
    if c.behaviour == "question":
        count["questions"] += 1
        if c.question == "open":
            count["open"] += 1
        elif c.question == "closed":
            count["closed"] += 1
    elif c.behaviour == "reflection":
        count["reflections"] += 1
        if c.reflection == "simple":
            count["simple"] += 1
        elif c.reflection == "complex":
            count["complex"] += 1
    if c.advice_without_permission:
        count["advice_wp"] += 1
    if c.affirmation:
        count["affirmations"] += 1


def _expected_ratio(expected: dict[str, float], count: dict) -> float | None:
    if count["questions"] == 0:
        return None  # no question coded: nothing to divide by, as the hard counts say
    return round(expected["reflections"] / expected["questions"], 2) if expected["questions"] > 0 else None


def _ratio(part: int, whole: int, digits: int) -> float | None:
    return None if whole == 0 else round(part / whole, digits)


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)
