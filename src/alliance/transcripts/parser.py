"""``parse()``: any supported transcript -> one Transcript with roles set."""

from __future__ import annotations

from collections.abc import Mapping

from alliance.errors import ParseError
from alliance.transcripts.annomi import annomi_from_text, id_list
from alliance.transcripts.detect import detect_format
from alliance.transcripts.model import Transcript
from alliance.transcripts.plaintext import read_text
from alliance.transcripts.roles import assign_roles
from alliance.transcripts.source import read_source
from alliance.transcripts.speaker_choices import apply_to_cues, chosen_note
from alliance.transcripts.srt import read_srt
from alliance.transcripts.tables import read_csv, read_json
from alliance.transcripts.turns import merge_turns
from alliance.transcripts.webvtt import read_vtt

FORMATS = ("vtt", "zoom_vtt", "teams_vtt", "srt", "text", "csv", "json", "annomi")

_EXPECTED_CONTENT = {
    "vtt": "cues with text",
    "zoom_vtt": "cues with text",
    "teams_vtt": "cues with text",
    "srt": "cues with text",
    "text": "lines like 'Maria: ...' or 'T: ...'",
    "csv": "rows with a speaker and their words",
    "json": "items with a speaker and their words",
}


def parse(source, *, format: str | None = None, practitioner=None, name: str | None = None,
          speakers: Mapping[str, str] | None = None) -> Transcript:
    """Read one session transcript.

    ``source``: a Path, a str naming an existing file, or the transcript text.
    ``format``: one of FORMATS, or None to detect it from the content.
    ``practitioner``: speaker names (case-insensitive) who are practitioners;
    without it the roles are guessed and ``role_note`` says how.
    ``name``: shown in error messages when ``source`` is text.
    ``speakers``: who is who as the practitioner chose it, ``{label: role or another label}``
    (transcripts.speaker_choices); chosen practitioners join ``practitioner``.
    """
    src = read_source(source, name)
    if format is not None and format not in FORMATS:
        raise ParseError("T020", path=src.display, format=format, expected=", ".join(FORMATS))
    if not src.text.strip():
        raise ParseError("T002", path=src.display, line=1)
    fmt = format or detect_format(src.text)
    if isinstance(practitioner, str):
        practitioner = [practitioner]

    if fmt == "annomi":
        return _single_annomi(src)

    metadata: dict = {}
    if fmt in ("vtt", "zoom_vtt", "teams_vtt"):
        raw = read_vtt(src.text.split("\n"), src.display, fmt)
    elif fmt == "srt":
        raw = read_srt(src.text.split("\n"), src.display)
    elif fmt == "text":
        raw = read_text(src.text.split("\n"), src.display)
    elif fmt == "csv":
        raw = read_csv(src.text, src.display)
    else:
        raw, metadata = read_json(src.text, src.display)

    chosen = apply_to_cues(raw, speakers, src.display) if speakers else {}
    utterances, stated = merge_turns(raw)
    if not utterances:
        line = src.text.count("\n", 0, len(src.text.rstrip())) + 1
        raise ParseError("T003", path=src.display, line=line, expected=_EXPECTED_CONTENT[fmt])
    if chosen:
        practitioner = [s for s, role in chosen.items() if role == "practitioner"] or practitioner
        stated = {**stated, **chosen}
    guessed, note = assign_roles(utterances, stated=stated, practitioner=practitioner, path=src.display)
    if chosen and not guessed:
        note = chosen_note(utterances)
    return Transcript(
        utterances,
        source=src.origin,
        format=fmt,
        roles_guessed=guessed,
        role_note=note,
        metadata=metadata,
    )


def _single_annomi(src) -> Transcript:
    transcripts = annomi_from_text(src.text, src.display, src.origin)
    if len(transcripts) != 1:
        if not transcripts:
            raise ParseError("T003", path=src.display, line=2, expected="AnnoMI rows")
        raise ParseError("T016", path=src.display, count=len(transcripts), ids=id_list(transcripts))
    return transcripts[0]
