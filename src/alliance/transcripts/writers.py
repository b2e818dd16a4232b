"""Write a Transcript as WebVTT (voice tags) or SRT (``Name: text``).

Each utterance is written as its original cues when they carry times and add
up to its text, otherwise as one cue. Missing times are filled so the file is
valid: a cue without a start begins where the previous one ended (or at 0),
one without an end ends where it starts. Reading the file back gives the same
speakers, texts and times (to the millisecond) wherever the source had times.
"""

from __future__ import annotations

from alliance.transcripts.model import Transcript, Utterance
from alliance.transcripts.timecode import format_time


def to_vtt(transcript: Transcript) -> str:
    out = ["WEBVTT", ""]
    for number, (speaker, text, start, end) in enumerate(_cues(transcript), 1):
        timing = f"{format_time(start)} --> {format_time(end)}"
        out += [str(number), timing, f"<v {_escape(speaker)}>{_escape(text)}</v>", ""]
    return "\n".join(out)


def to_srt(transcript: Transcript) -> str:
    out = []
    for number, (speaker, text, start, end) in enumerate(_cues(transcript), 1):
        out += [str(number), f"{format_time(start, ',')} --> {format_time(end, ',')}", f"{speaker}: {text}", ""]
    return "\n".join(out)


def _cues(transcript: Transcript):
    clock = 0.0
    for u in transcript.utterances:
        for text, start, end in _pieces(u):
            start = clock if start is None else start
            end = start if end is None else max(end, start)
            clock = end
            yield u.speaker, text, start, end


def _pieces(u: Utterance):
    cues = u.cues
    timed = cues and all(c.start is not None and c.end is not None for c in cues)
    if timed and " ".join(c.text for c in cues) == u.text:
        return [(c.text, c.start, c.end) for c in cues]
    return [(u.text, u.start, u.end)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
