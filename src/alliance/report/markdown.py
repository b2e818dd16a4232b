"""``Analysis.to_markdown()``: the report as Markdown, for notes, tickets and supervision records."""

from __future__ import annotations

from alliance.report.labels import (
    clock,
    code_text,
    evidence_text,
    feedback_groups,
    has_times,
    heading,
    intro_notes,
    metric_notes,
    metric_rows,
    miti_rows,
)


def render_markdown(analysis) -> str:
    out: list[str] = ["# Session analysis", "", heading(analysis), ""]
    for note in intro_notes(analysis):
        out += [f"> {note}", ""]
    out += _feedback(analysis)
    out += ["## Metrics", "", "| metric | value | note |", "| --- | --- | --- |"]
    out += [f"| {label} | {value} | {note} |" for label, value, note in metric_rows(analysis.metrics)]
    out += ["", f"## {analysis.miti_context.source} context", ""]
    out += ["| summary | this session | fair | good | where this session sits |", "| --- | --- | --- | --- | --- |"]
    out += [f"| {' | '.join(row)} |" for row in miti_rows(analysis.miti_context)]
    out += ["", analysis.miti_context.caveat, analysis.miti_context.questions_note, ""]
    out += [f"- {line}" for line in metric_notes(analysis.miti_context)] + [""]
    out += ["## For your journal", ""]
    for p in analysis.journal_prompts:
        out.append(f"- **{p.prompt}** {p.hint}")
    timed = has_times(analysis.transcript)
    out += ["", "## Transcript", ""]
    out += ["| turn | time | speaker | codes | words |", "| --- | --- | --- | --- | --- |"] if timed else [
        "| turn | speaker | codes | words |", "| --- | --- | --- | --- |"]
    for u, c in zip(analysis.transcript.utterances, analysis.codes):
        time_cell = f" {clock(u.start)} |" if timed else ""
        out.append(f"| {u.index + 1} |{time_cell} {_cell(u.speaker)} ({u.role}) | {code_text(c)} | {_cell(u.text)} |")
    out += ["", _pipeline(analysis.pipeline), ""]
    return "\n".join(out)


def _feedback(analysis) -> list[str]:
    out: list[str] = []
    for title, items in feedback_groups(analysis.feedback):
        out += [f"## {title}", ""]
        out += [f"- {o.message} ({evidence_text(o.evidence)})" for o in items]
        out.append("")
    if not analysis.feedback:
        out += ["## Feedback", "", "Nothing in the codes stood out either way in this session.", ""]
    return out


def _cell(text: str) -> str:
    """Table-safe: a pipe or a line break would end the cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _pipeline(pipeline: dict) -> str:
    stages = ", ".join(s["name"] for s in pipeline.get("stages", []))
    model = pipeline.get("model") or {}
    digest = model.get("artifact_hash") or "none"
    return f"_Alliance {pipeline.get('alliance_version', '')}; stages: {stages}; model: {model.get('name')} ({digest})._"
