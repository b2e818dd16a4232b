"""The AnnoMI CSV (../shared/data/annomi): many transcripts, one expert-coded row per utterance.

Each row stays one Utterance (rows are the coded unit, so consecutive rows of
one speaker are not merged). Speakers are ``Therapist`` (practitioner) and
``Client`` (client). The expert labels and ``utterance_id`` go into
``Utterance.metadata``; ``transcript_id``, ``mi_quality``, ``topic`` and the
video title/url into ``Transcript.metadata``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from alliance.errors import ParseError
from alliance.transcripts.model import Cue, Transcript, Utterance
from alliance.transcripts.source import read_source
from alliance.transcripts.timecode import parse_time
from alliance.transcripts.turns import clean_text

REQUIRED = ("transcript_id", "interlocutor", "utterance_text")
SIGNATURE = {"transcript_id", "interlocutor", "utterance_text"}
TRANSCRIPT_FIELDS = ("mi_quality", "topic", "video_title", "video_url")
LABEL_FIELDS = (
    "main_therapist_behaviour",
    "client_talk_type",
    "therapist_input_exists",
    "therapist_input_subtype",
    "reflection_exists",
    "reflection_subtype",
    "question_exists",
    "question_subtype",
    "n_annotators",
    "annotator_id",
    "tie_broken_fields",
)
SPEAKERS = {"therapist": ("Therapist", "practitioner"), "client": ("Client", "client")}


def read_annomi(path, transcript_id=None, require: tuple[str, ...] = ()) -> list[Transcript]:
    """One Transcript per ``transcript_id``, in file order; only that one when given.

    ``require`` names columns needed beyond the three every reading needs (training needs the
    expert labels: coding/annomi_data.py); a file without one is refused as any missing column is.
    """
    source = read_source(Path(path) if not isinstance(path, Path) else path)
    transcripts = annomi_from_text(source.text, source.display, source.origin, require)
    if transcript_id is None:
        return transcripts
    wanted = str(transcript_id).strip()
    chosen = [t for t in transcripts if str(t.metadata["transcript_id"]) == wanted]
    if not chosen:
        raise ParseError("T017", path=source.display, transcript_id=transcript_id, ids=id_list(transcripts))
    return chosen


def annomi_from_text(text: str, display: str, origin: str, require: tuple[str, ...] = ()) -> list[Transcript]:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip() for f in reader.fieldnames or []]
    required = REQUIRED + tuple(c for c in require if c not in REQUIRED)
    for column in required:
        if column not in fields:
            raise ParseError(
                "T009",
                path=display,
                column=column,
                expected=", ".join(required) + " (the AnnoMI columns)",
                found=", ".join(f for f in fields if f) or "nothing",
            )
    reader.fieldnames = fields
    groups: dict[str, Transcript] = {}
    try:
        previous_end = reader.line_num
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            _add_row(groups, row, line, display, origin)
    except csv.Error as exc:
        raise ParseError("T012", path=display, line=reader.line_num, kind="CSV", detail=str(exc)) from None
    transcripts = list(groups.values())
    for t in transcripts:
        t.utterances.sort(key=lambda u: u.metadata.get("utterance_id", 0))
        for index, u in enumerate(t.utterances):
            u.index = index
    return transcripts


def _add_row(groups: dict[str, Transcript], row: dict, line: int, display: str, origin: str) -> None:
    key = (row.get("transcript_id") or "").strip()
    interlocutor = (row.get("interlocutor") or "").strip()
    if interlocutor.casefold() not in SPEAKERS:
        raise ParseError("T018", path=display, line=line, value=interlocutor)
    speaker, role = SPEAKERS[interlocutor.casefold()]
    transcript = groups.get(key)
    if transcript is None:
        metadata = {"transcript_id": int(key) if key.isdigit() else key}
        metadata.update({f: (row.get(f) or "").strip() for f in TRANSCRIPT_FIELDS if f in row})
        transcript = Transcript([], source=origin, format="annomi", metadata=metadata)
        groups[key] = transcript
    stamp = (row.get("timestamp") or "").strip()
    start = parse_time(stamp, path=display, line=line, expected="HH:MM:SS") if stamp else None
    text = clean_text(row.get("utterance_text") or "")
    position = (row.get("utterance_id") or "").strip()
    metadata = {"utterance_id": int(position) if position.isdigit() else len(transcript.utterances)}
    metadata.update({f: row[f] for f in LABEL_FIELDS if f in row and row[f] is not None})
    transcript.utterances.append(
        Utterance(
            index=len(transcript.utterances),
            speaker=speaker,
            role=role,
            text=text,
            start=start,
            line=line,
            cues=(Cue(text, line, start, None),),
            metadata=metadata,
        )
    )


def id_list(transcripts: list[Transcript], limit: int = 12) -> str:
    ids = [str(t.metadata["transcript_id"]) for t in transcripts]
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def is_annomi_header(columns: list[str]) -> bool:
    return SIGNATURE.issubset(columns)
