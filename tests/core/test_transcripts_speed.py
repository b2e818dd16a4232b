"""Parsing stays far faster than the ~2,000 utterances/s end-to-end target."""

from __future__ import annotations

import time

from alliance.transcripts import parse
from alliance.transcripts.timecode import format_time

CUES = 20_000
# Measured about 60,000 cues/s on one core; this floor has a wide margin for busy CI machines.
FLOOR_CUES_PER_SECOND = 10_000


def zoom_file(cues: int) -> str:
    lines = ["WEBVTT", ""]
    for i in range(cues):
        speaker = "Maria Okafor" if i % 3 else "Sam Reilly"
        lines += [str(i + 1), f"{format_time(i)} --> {format_time(i + 0.9)}", f"{speaker}: cue {i}, some <i>words</i>?", ""]
    return "\n".join(lines)


def test_a_long_webvtt_file_parses_at_well_over_ten_thousand_cues_a_second():
    text = zoom_file(CUES)
    started = time.perf_counter()
    transcript = parse(text)
    elapsed = time.perf_counter() - started
    assert sum(len(u.cues) for u in transcript.utterances) == CUES
    assert CUES / elapsed > FLOOR_CUES_PER_SECOND
