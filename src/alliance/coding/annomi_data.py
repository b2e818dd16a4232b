"""AnnoMI's expert labels as ``Codes``, on transcripts read by the one AnnoMI reader.

The CSV is read by ``alliance.transcripts.annomi`` (the reader ``alliance analyze`` uses), so
training, evaluation and inference see the very same text and meet the same error codes; this
module adds only the gold labels, in ``utterance.metadata["gold"]`` as a ``Codes``.
"""

from __future__ import annotations

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
from alliance.transcripts.annomi import read_annomi
from alliance.transcripts.model import Transcript

# Beyond the columns every AnnoMI reading needs: the order of the turns and the two main labels.
LABEL_COLUMNS = ("utterance_id", "main_therapist_behaviour", "client_talk_type")


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
    """One Transcript per transcript_id (in first-seen order), utterances by utterance_id, each with its gold codes."""
    transcripts = read_annomi(Path(path), require=LABEL_COLUMNS)
    if not any(t.utterances for t in transcripts):
        raise AllianceError("C004", path=str(path))
    for transcript in transcripts:
        for u in transcript.utterances:
            u.metadata["gold"] = _gold(u.metadata)
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
