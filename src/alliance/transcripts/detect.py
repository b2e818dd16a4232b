"""Guess a transcript's format from its content (docs/transcripts.md, "Detection").

In order: ``WEBVTT`` first -> a WebVTT flavour (``teams_vtt`` if any cue has a
voice tag ``<v ...>``, ``zoom_vtt`` if most cues start ``Name:``, else
``vtt``); a JSON list or object -> ``json``; a header row with the AnnoMI
columns -> ``annomi``, or with ``speaker``/``text`` -> ``csv``; cue timings
(``-->``) with comma millis -> ``srt``, with dot millis -> ``vtt`` (which then
reports the missing header); anything else -> ``text``.
"""

from __future__ import annotations

import re

from alliance.transcripts.annomi import is_annomi_header
from alliance.transcripts.speakers import split_label
from alliance.transcripts.tables import ALIASES, REQUIRED, header_columns

_SCAN_LINES = 400
_JSON_START = re.compile(r"\s*(?:\{|\[\s*(?:[\[{\]\"]|$))")
_SRT_TIME = re.compile(r"\d[,]\d")


def detect_format(text: str) -> str:
    text = text.lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith("WEBVTT"):
        return _vtt_flavour(stripped)
    if _JSON_START.match(stripped):
        return "json"
    first_line = stripped.split("\n", 1)[0].split("\r", 1)[0]
    if any(d in first_line for d in ",;\t"):
        _, columns = header_columns(first_line)
        if is_annomi_header(columns):
            return "annomi"
        named = {ALIASES.get(c, c) for c in columns}
        if len(columns) > 1 and named & set(REQUIRED):
            return "csv"
    head = stripped[: 200 * _SCAN_LINES].splitlines()[:_SCAN_LINES]
    for line in head:
        if "-->" in line:
            return "srt" if _SRT_TIME.search(line.split("-->", 1)[0]) else "vtt"
    return "text"


def _vtt_flavour(text: str) -> str:
    lines = text[: 200 * _SCAN_LINES].splitlines()[:_SCAN_LINES]
    payload = labelled = 0
    after_timing = False
    for line in lines:
        if "<v " in line or "<v." in line:
            return "teams_vtt"
        if "-->" in line:
            after_timing = True
            continue
        if after_timing and line.strip():
            payload += 1
            labelled += split_label(line.strip()) is not None
        after_timing = False
    return "zoom_vtt" if payload and labelled * 2 >= payload else "vtt"
