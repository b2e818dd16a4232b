"""One analysed (or skipped) transcript as the records a batch writes.

- ``line``: the JSON line: ``path``, ``ok``, ``error``, ``error_code``, ``practitioner``,
  ``utterance_count``, then every field of the analysis JSON (docs/analysis.md) except the
  utterances, passed through as it is, so fields the analysis gains later appear here too.
- ``session``: one flat row for the sessions table (metrics as columns).
- ``utterances``: one flat row per utterance for the utterances table (codes only).

The transcript's words stay out unless ``text=True``: no utterance text or speaker names,
no feedback ``message`` or ``quotes`` (they quote the session), no ``role_note`` or
``role_guess`` (they name speakers). Practitioner labels (the practitioners' speaker names)
are kept: they are what an analyst groups by.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

# Feedback fields that quote or paraphrase the session.
TEXT_FEEDBACK_FIELDS = ("message", "quotes")
TEXT_FIELDS = ("role_note", "role_guess")


@dataclass
class Record:
    path: str
    ok: bool
    utterance_count: int = 0
    error: str | None = None
    error_code: str | None = None
    line: dict = field(default_factory=dict)
    session: dict = field(default_factory=dict)
    utterances: list[dict] = field(default_factory=list)


def skipped(path: str, error: str, code: str | None) -> Record:
    line = {"path": path, "ok": False, "error": error, "error_code": code, "practitioner": None, "utterance_count": 0}
    session = {"path": path, "ok": False, "error": error, "error_code": code, "practitioner": None, "utterances": 0}
    return Record(path=path, ok=False, error=error, error_code=code, line=line, session=session)


def analyzed(path: str, analysis, *, text: bool = False, utterances: bool = False) -> Record:
    data = analysis.to_dict()
    utterance_dicts = data.pop("utterances")
    if not text:
        data["feedback"] = [{k: v for k, v in o.items() if k not in TEXT_FEEDBACK_FIELDS} for o in data.get("feedback", [])]
        for name in TEXT_FIELDS:
            data.pop(name, None)
    label = practitioner_label(analysis.transcript)
    line = {"path": path, "ok": True, "error": None, "error_code": None, "practitioner": label,
            "utterance_count": len(utterance_dicts), **data}
    rows = [utterance_row(path, u, text) for u in utterance_dicts] if utterances else []
    if utterances:
        line["utterances"] = [{k: v for k, v in r.items() if k != "path"} for r in rows]
    return Record(path=path, ok=True, utterance_count=len(utterance_dicts), line=line,
                  session=session_row(path, label, len(utterance_dicts), data), utterances=rows)


def practitioner_label(transcript) -> str | None:
    """The practitioners' speaker names in order of first appearance, joined with ' / '."""
    names: list[str] = []
    for u in transcript.utterances:
        if u.role == "practitioner" and u.speaker not in names:
            names.append(u.speaker)
    return " / ".join(names) or None


def session_row(path: str, label: str | None, count: int, data: dict) -> dict:
    """Flat columns: every metric by name, feedback counts and kinds, MITI levels, the pipeline."""
    row: dict = {"path": path, "ok": True, "error": None, "error_code": None, "practitioner": label, "utterances": count}
    rest = dict(data)
    row.update(rest.pop("metrics", {}) or {})
    feedback = rest.pop("feedback", []) or []
    row["feedback"] = len(feedback)
    row["strengths"] = sum(1 for o in feedback if o.get("strength"))
    row["feedback_kinds"] = [o.get("kind") for o in feedback]
    miti = rest.pop("miti_context", {}) or {}
    for summary in miti.get("summaries", []):
        row[f"{summary['key']}_level"] = summary.get("level")
    pipeline = rest.pop("pipeline", {}) or {}
    model = pipeline.get("model") or {}
    row["alliance_version"] = pipeline.get("alliance_version")
    row["pipeline"] = ",".join(s["name"] for s in pipeline.get("stages", []))
    row["coder"] = model.get("name")
    row["artifact_hash"] = model.get("artifact_hash")
    # Anything else the analysis JSON holds (now or later) rides along: scalars as they are,
    # structures as JSON text, so a new field never breaks the table.
    for key, value in rest.items():
        row[key] = value if value is None or isinstance(value, (str, int, float, bool)) else json.dumps(value, ensure_ascii=False)
    return row


def utterance_row(path: str, u: dict, text: bool) -> dict:
    row = {"path": path, "index": u["index"], "role": u["role"], "start": u.get("start"), "end": u.get("end")}
    if text:
        row["speaker"] = u.get("speaker")
        row["text"] = u.get("text")
    row.update(u.get("codes") or {})
    return row
