"""WebVTT: Zoom's ``Name: text`` cues, Teams' ``<v Name>text</v>`` cues, or either.

NOTE, STYLE and REGION blocks are skipped; cue settings after the end time are
ignored; formatting tags (``<c>``, ``<i>``...) are removed and entities decoded.
A block with no timing line continues the previous cue's text (a stray blank
line inside a cue), and is an error only before the first cue.
"""

from __future__ import annotations

import html
import re

from alliance.errors import ParseError
from alliance.transcripts.speakers import split_label
from alliance.transcripts.timecode import VTT_EXPECTED, parse_time
from alliance.transcripts.turns import RawCue, clean_text, preview

_VOICE = re.compile(r"\s*<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")
VTT_EXAMPLE = "00:00:01.000 --> 00:00:04.000"
SRT_EXAMPLE = "00:00:01,000 --> 00:00:04,000"


def read_vtt(lines: list[str], path: str, style: str = "vtt") -> list[RawCue]:
    """``style`` is ``zoom_vtt`` (speaker from ``Name:``), ``teams_vtt`` (voice tags) or ``vtt`` (both)."""
    first_at = next((i for i, text in enumerate(lines) if text.strip()), 0)
    first = lines[first_at].lstrip() if lines else ""
    if not (first.startswith("WEBVTT") and first[6:7] in ("", " ", "\t")):
        raise ParseError("T004", path=path, line=first_at + 1, found=preview(first))
    voices = style != "zoom_vtt"
    labels = style != "teams_vtt"
    cues: list[RawCue] = []
    for start_line, block in blocks(lines, header=True):
        head = block[0]
        if head.startswith(_SKIPPED_BLOCKS) and head.split(None, 1)[0] in _SKIPPED_BLOCKS:
            continue
        if "-->" in head:
            timing_at = 0
        elif len(block) > 1 and "-->" in block[1]:
            timing_at = 1  # the first line is the cue id
        elif cues:
            cues[-1].text = clean_text(cues[-1].text + " " + " ".join(_plain(t) for t in block))
            continue
        else:
            raise missing_timing(block, start_line, path, VTT_EXAMPLE)
        line = start_line + timing_at
        start, end = read_timing(block[timing_at], path=path, line=line)
        cues.extend(_payload(block[timing_at + 1 :], line + 1, start, end, voices, labels))
    return cues


def read_timing(text: str, *, path: str, line: int, expected: str = VTT_EXPECTED) -> tuple[float, float]:
    left, _, right = text.partition("-->")
    start_token = left.strip()
    end_token = right.split(None, 1)[0] if right.strip() else ""
    if not start_token or not end_token:
        example = VTT_EXAMPLE if expected == VTT_EXPECTED else SRT_EXAMPLE
        raise ParseError("T006", path=path, line=line, example=example, found=preview(text))
    start = parse_time(start_token, path=path, line=line, expected=expected)
    end = parse_time(end_token, path=path, line=line, expected=expected)
    if end < start:
        raise ParseError("T007", path=path, line=line, start=start_token, end=end_token)
    return start, end


def missing_timing(block: list[str], start_line: int, path: str, example: str) -> ParseError:
    """T006 for a block with no timing line: point at the line after a cue number, if any."""
    at = 1 if len(block) > 1 and block[0].strip().isdigit() else 0
    return ParseError("T006", path=path, line=start_line + at, example=example, found=preview(block[at]))


def blocks(lines: list[str], *, header: bool):
    """Yield (first line number, non-blank lines) per blank-separated block.

    With ``header`` the first block (``WEBVTT`` and its metadata) is skipped; a
    timing line inside it ends it, for files that leave out the blank line.
    """
    block: list[str] = []
    block_start = 0
    in_header = header
    for number, text in enumerate(lines, 1):
        if text.strip():
            if in_header and "-->" in text:
                in_header = False
                block = []
            if not block:
                block_start = number
            block.append(text)
            continue
        if block:
            if not in_header:
                yield block_start, block
            in_header = False
        block = []
    if block and not in_header:
        yield block_start, block


def _payload(lines, first_line, start, end, voices, labels) -> list[RawCue]:
    """One RawCue per speaker in the cue's text (usually exactly one)."""
    out: list[RawCue] = []
    for offset, raw in enumerate(lines):
        speaker = None
        text = raw
        if voices:
            match = _VOICE.match(raw)
            if match:
                speaker = clean_text(html.unescape(match.group(1))) or None
                text = raw[match.end() :]
        text = _plain(text)
        if labels and speaker is None and offset == 0:
            found = split_label(text)
            if found:
                speaker, text = found
        if out and speaker is None:
            out[-1].text = clean_text(out[-1].text + " " + text)
            continue
        out.append(RawCue(speaker, clean_text(text), first_line + offset, start, end))
    return out


def _plain(text: str) -> str:
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return text
