"""Cues as read from a file, and merging consecutive cues of one speaker into turns."""

from __future__ import annotations

from dataclasses import dataclass

from alliance.transcripts.model import Cue, Utterance

UNKNOWN_SPEAKER = "Unknown"


@dataclass(slots=True)
class RawCue:
    """One cue before turns are formed. ``speaker`` None means 'same as before'."""

    speaker: str | None
    text: str
    line: int
    start: float | None = None
    end: float | None = None
    role: str | None = None  # when the file says it (T:/C: labels, a role column)


def clean_text(text: str) -> str:
    """Collapse runs of whitespace (including line breaks inside a cue) to one space."""
    return " ".join(text.split())


def preview(text: str, limit: int = 60) -> str:
    """A line as quoted in a message: stripped, and cut short if long."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def merge_turns(raw: list[RawCue]) -> tuple[list[Utterance], dict[str, str]]:
    """Group consecutive cues of one speaker; returns utterances and roles the file stated.

    A cue without a speaker continues the previous speaker; at the very start it
    belongs to ``Unknown``. Empty cues are dropped. Utterance times span their
    cues (earliest start, latest end), so overlapping cues are simply included.
    """
    utterances: list[Utterance] = []
    stated: dict[str, str] = {}
    speaker = UNKNOWN_SPEAKER
    group: list[RawCue] = []
    for cue in raw:
        if cue.speaker is not None:
            speaker = cue.speaker
        if cue.role is not None:
            stated.setdefault(speaker, cue.role)
        if not cue.text:
            continue
        if group and group[0].speaker != speaker:
            utterances.append(_turn(len(utterances), group))
            group = []
        cue.speaker = speaker
        group.append(cue)
    if group:
        utterances.append(_turn(len(utterances), group))
    return utterances, stated


def _turn(index: int, group: list[RawCue]) -> Utterance:
    starts = [c.start for c in group if c.start is not None]
    ends = [c.end for c in group if c.end is not None]
    return Utterance(
        index=index,
        speaker=group[0].speaker,
        role="",  # set by roles.assign_roles
        text=" ".join(c.text for c in group),
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
        line=group[0].line,
        cues=tuple(Cue(c.text, c.line, c.start, c.end) for c in group),
    )
