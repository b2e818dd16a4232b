"""SubRip (.srt): numbered cues, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``, speaker as ``Name: text``.

The cue number is optional; a block without a timing line continues the
previous cue (a stray blank line). Simple tags (``<i>``, ``<b>``, ``<font>``,
``{\\an8}``) are removed; other text is kept as written.
"""

from __future__ import annotations

import re

from alliance.transcripts.speakers import split_label
from alliance.transcripts.timecode import SRT_EXPECTED
from alliance.transcripts.turns import RawCue, clean_text
from alliance.transcripts.webvtt import SRT_EXAMPLE, blocks, missing_timing, read_timing

_TAGS = re.compile(r"</?(?:i|b|u|s|font|v)(?:[\s.][^>]*)?>|\{\\[^}]*\}")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")


def read_srt(lines: list[str], path: str) -> list[RawCue]:
    cues: list[RawCue] = []
    for start_line, block in blocks(lines, header=False):
        if "-->" in block[0]:
            timing_at = 0
        elif len(block) > 1 and "-->" in block[1]:
            timing_at = 1
        elif cues:
            cues[-1].text = clean_text(cues[-1].text + " " + _plain(" ".join(block)))
            continue
        else:
            raise missing_timing(block, start_line, path, SRT_EXAMPLE)
        line = start_line + timing_at
        start, end = read_timing(block[timing_at], path=path, line=line, expected=SRT_EXPECTED)
        text = " ".join(block[timing_at + 1 :])
        speaker = None
        voice = _VOICE.match(text)
        if voice:
            speaker = clean_text(voice.group(1)) or None
        text = _plain(text)
        if speaker is None:
            found = split_label(text)
            if found:
                speaker, text = found
        cues.append(RawCue(speaker, clean_text(text), line + 1, start, end))
    return cues


def _plain(text: str) -> str:
    return _TAGS.sub("", text) if ("<" in text or "{" in text) else text
