"""Plain text: ``Name: text`` or ``T:`` / ``C:`` lines; blank lines are ignored.

A line without a speaker label continues the previous speaker's turn. So that
a colon inside a sentence ("I told him: no") is not taken for a speaker, a
label counts only if it starts two or more lines, is a role word (T, C,
Therapist, Client...), is written like a name (every word capitalised:
"Denise Carter"), or the file has no repeated labels at all. An optional
``[HH:MM:SS]`` before the label is read as the start time.

Exports from Otter or Google Meet put the speaker and time on a line of their
own (``Maria Okafor  0:03``) with the words below; such a header line is read
as a label (with the same checks) whose start time goes to the words after it.
"""

from __future__ import annotations

import re
from collections import Counter

from alliance.errors import ParseError
from alliance.transcripts.speakers import role_of_label, split_label
from alliance.transcripts.timecode import parse_time
from alliance.transcripts.turns import RawCue, clean_text, preview

_STAMP = re.compile(r"\[(\d[\d:.,]*)\]\s*")
_HEADER = re.compile(r"([^\W\d_][\w'’.\- ]{0,39}?)\s+(\d{1,2}:\d{2}(?::\d{2})?)")


def read_text(lines: list[str], path: str) -> list[RawCue]:
    parsed: list[tuple[int, str, tuple[str, str] | None, float | None]] = []
    counts: Counter[str] = Counter()
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            continue
        start = None
        if stripped[0] == "[":
            stamp = _STAMP.match(stripped)
            if stamp:
                start = parse_time(stamp.group(1), path=path, line=number, expected="[HH:MM:SS]")
                stripped = stripped[stamp.end() :]
        label = split_label(stripped)
        header = _HEADER.fullmatch(stripped) if label is None else None
        if header and header.group(1).count(" ") < 5:
            label = (header.group(1).strip(), "")
            start = parse_time(header.group(2), path=path, line=number, expected="H:MM or H:MM:SS")
        if label:
            counts[label[0]] += 1
        parsed.append((number, stripped, label, start))

    speakers = {name for name, n in counts.items() if n > 1 or role_of_label(name) or _name_like(name)}
    if not speakers:
        speakers = set(counts)

    cues: list[RawCue] = []
    pending_start = None  # a header line's time, for the words below it
    for number, stripped, label, start in parsed:
        if label and label[0] in speakers:
            speaker, text = label
            text = clean_text(text)
            pending_start = None if text else start
            cues.append(RawCue(speaker, text, number, start, None, role_of_label(speaker)))
        elif cues:
            cues.append(RawCue(None, clean_text(stripped), number, start if start is not None else pending_start, None))
            pending_start = None
        else:
            raise ParseError("T008", path=path, line=number, found=preview(stripped))
    return cues


def _name_like(label: str) -> bool:
    return all(word[0].isupper() for word in label.split())
