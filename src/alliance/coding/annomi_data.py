"""Read AnnoMI-format CSVs into Transcripts carrying the expert labels.

A small loader of our own (csv module only) so training and evaluation go through
the very same ``Coder.code`` path as real transcripts. Labels sit in
``utterance.metadata["gold"]`` as a ``Codes``.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from alliance.coding.codes import (
    BEHAVIOURS,
    CLIENT_TALK,
    INPUT_TYPES,
    QUESTION_TYPES,
    REFLECTION_TYPES,
    Codes,
)
from alliance.errors import AllianceError
from alliance.transcripts.model import Transcript, Utterance

REQUIRED = (
    "transcript_id",
    "utterance_id",
    "interlocutor",
    "utterance_text",
    "main_therapist_behaviour",
    "client_talk_type",
)
ROLE_OF = {"therapist": "practitioner", "client": "client"}


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The AnnoMI folder: ``explicit``, else $ALLIANCE_DATA_DIR/annomi, else ../shared/data/annomi."""
    if explicit is not None:
        return Path(explicit)
    root = os.environ.get("ALLIANCE_DATA_DIR")
    if root:
        return Path(root) / "annomi"
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data" / "annomi"


def _label(value: str | None, allowed: tuple[str, ...] | None = None) -> str | None:
    value = (value or "").strip()
    if not value or value == "n/a":
        return None
    if allowed is not None and value not in allowed:
        return None
    return value


def _gold(row: dict) -> Codes:
    return Codes(
        behaviour=_label(row.get("main_therapist_behaviour"), BEHAVIOURS),
        question=_label(row.get("question_subtype"), QUESTION_TYPES),
        reflection=_label(row.get("reflection_subtype"), REFLECTION_TYPES),
        input=_label(row.get("therapist_input_subtype"), INPUT_TYPES),
        client_talk=_label(row.get("client_talk_type"), CLIENT_TALK),
    )


def read_annomi_csv(path: str | os.PathLike) -> list[Transcript]:
    """One Transcript per transcript_id (in first-seen order), utterances by utterance_id."""
    path = Path(path)
    if not path.is_file():
        raise AllianceError("G001", path=str(path))
    try:
        handle = path.open(encoding="utf-8", newline="")
        with handle:
            reader = csv.DictReader(handle)
            fields = [f.strip() for f in reader.fieldnames or []]
            missing = [c for c in REQUIRED if c not in fields]
            if missing:
                raise AllianceError(
                    "C001", path=str(path), missing=", ".join(missing), expected=", ".join(REQUIRED)
                )
            reader.fieldnames = fields
            rows: dict[str, list[tuple[int, int, dict]]] = {}
            for row in reader:
                tid = (row.get("transcript_id") or "").strip()
                role = ROLE_OF.get((row.get("interlocutor") or "").strip())
                if role is None:
                    raise AllianceError(
                        "C002", path=str(path), line=reader.line_num, value=row.get("interlocutor")
                    )
                try:
                    position = int((row.get("utterance_id") or "").strip())
                except ValueError:
                    raise AllianceError(
                        "C003", path=str(path), line=reader.line_num, value=row.get("utterance_id")
                    ) from None
                rows.setdefault(tid, []).append((position, reader.line_num, row))
    except UnicodeDecodeError as exc:
        raise AllianceError("G002", path=str(path), detail=str(exc.reason)) from None
    if not rows:
        raise AllianceError("C004", path=str(path))
    transcripts = []
    for tid, items in rows.items():
        items.sort(key=lambda item: item[0])
        utterances = []
        for index, (position, line, row) in enumerate(items):
            role = ROLE_OF[row["interlocutor"].strip()]
            utterances.append(
                Utterance(
                    index=index,
                    speaker=row["interlocutor"].strip(),
                    role=role,
                    text=row.get("utterance_text") or "",
                    line=line,
                    metadata={"utterance_id": position, "gold": _gold(row)},
                )
            )
        transcripts.append(
            Transcript(
                utterances=utterances,
                source=str(path),
                format="annomi",
                metadata={"transcript_id": tid, "mi_quality": (items[0][2].get("mi_quality") or "").strip()},
            )
        )
    return transcripts


def source_groups(folder: str | os.PathLike | None = None) -> dict[str, str]:
    """transcript_id -> source group (one video, series or paired demonstration), from split_manifest.json.

    Folds by source group keep near-duplicate conversations on one side, as the
    train/dev split did; without the manifest every transcript is its own group.
    """
    path = data_dir(folder) / "split_manifest.json"
    if not path.is_file():
        return {}
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return {
        tid: name
        for portion in manifest.get("source_groups", {}).values()
        for name, ids in portion.items()
        for tid in ids
    }


def group_of(transcript: Transcript, groups: dict[str, str]) -> str:
    tid = str(transcript.metadata.get("transcript_id", transcript.source))
    return groups.get(tid, f"transcript {tid}")
