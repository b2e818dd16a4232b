"""One analysed session's codes as CSV, laid out like AnnoMI, so analysts can read it with the same tools.

One row per utterance. The AnnoMI columns come first (``transcript_id``, ``utterance_id``,
``interlocutor``, ``timestamp``, ``utterance_text``, ``main_therapist_behaviour``,
``client_talk_type`` and the ``*_exists`` / ``*_subtype`` pairs, with AnnoMI's ``n/a`` where a
field does not apply to the speaker); Alliance's own markers follow (``affirmation``,
``advice_without_permission``, ``confidence``). ``utterance_text`` is empty when the agency
did not keep the transcript text. Pure Python: reads the stored ``Analysis.to_dict()``.
"""

from __future__ import annotations

import csv
import io

COLUMNS = [
    "transcript_id", "utterance_id", "interlocutor", "speaker", "timestamp", "utterance_text",
    "main_therapist_behaviour", "client_talk_type",
    "therapist_input_exists", "therapist_input_subtype", "reflection_exists", "reflection_subtype",
    "question_exists", "question_subtype",
    "affirmation", "advice_without_permission", "confidence",
]
INTERLOCUTOR = {"practitioner": "therapist", "client": "client"}
NA = "n/a"


def codes_csv(result: dict, transcript_id: str) -> str:
    """CSV text with a header row; ``transcript_id`` should be a pseudonymous id (the analysis id)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for u in result.get("utterances", []):
        writer.writerow(_row(u, transcript_id))
    return buffer.getvalue()


def _row(u: dict, transcript_id: str) -> list[str]:
    codes = u.get("codes") or {}
    role = u.get("role") or "other"
    therapist = role == "practitioner"
    behaviour = (codes.get("behaviour") or "other") if therapist else NA
    talk = (codes.get("client_talk") or "neutral") if role == "client" else NA
    pairs = []
    for name, field in (("therapist_input", "input"), ("reflection", "reflection"), ("question", "question")):
        if not therapist:
            pairs += [NA, NA]
        else:
            exists = behaviour == name
            pairs += [str(exists), (codes.get(field) or NA) if exists else NA]
    confidence = codes.get("confidence")
    return [
        _safe(transcript_id), str(u.get("index", "")), INTERLOCUTOR.get(role, "other"), _safe(u.get("speaker") or ""),
        _timestamp(u.get("start")), _safe(u.get("text") or ""), behaviour, talk, *pairs,
        _flag(codes.get("affirmation")) if therapist else NA,
        _flag(codes.get("advice_without_permission")) if therapist else NA,
        "" if confidence is None else f"{confidence:.3f}",
    ]


def _flag(value) -> str:
    return "" if value is None else str(bool(value))


def _timestamp(seconds) -> str:
    if seconds is None:
        return ""
    seconds = float(seconds)
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def _safe(text: str) -> str:
    # Spreadsheets run cells that start with these as formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
