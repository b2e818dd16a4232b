"""Words for codes and metrics, shared by every report."""

from __future__ import annotations

from alliance.coding.codes import Codes, is_unsure
from alliance.feedback.observation import refs
from alliance.metrics import SessionMetrics

_INPUT = {
    "information": "information",
    "advice": "advice",
    "negotiation": "planning together",
    "options": "offering options",
}


def code_labels(c: Codes) -> list[str]:
    """'open question', 'complex reflection', 'advice without permission', 'change talk' …"""
    labels = []
    if c.behaviour == "question":
        labels.append(f"{c.question} question" if c.question else "question")
    elif c.behaviour == "reflection":
        labels.append(f"{c.reflection} reflection" if c.reflection else "reflection")
    elif c.behaviour == "therapist_input":
        if c.input == "advice":
            labels.append("advice without permission" if c.advice_without_permission else "advice with permission")
        else:
            labels.append(_INPUT.get(c.input or "", "information or advice"))
    if c.affirmation:
        labels.append("affirmation")
    if c.client_talk in ("change", "sustain"):
        labels.append(f"{c.client_talk} talk")
    return labels


def code_text(c: Codes) -> str:
    text = ", ".join(code_labels(c)) or "—"
    return f"{text} (unsure)" if is_unsure(c.confidence) and text != "—" else text


FEEDBACK_GROUPS = ("What went well", "Moments to revisit", "Questions to reflect on")


def feedback_groups(feedback) -> list[tuple[str, list]]:
    """Statements of strengths, statements of openings, then the moments offered as questions."""
    groups = (
        [o for o in feedback if o.form == "statement" and o.is_strength],
        [o for o in feedback if o.form == "statement" and not o.is_strength],
        [o for o in feedback if o.form == "question"],
    )
    return [(title, items) for title, items in zip(FEEDBACK_GROUPS, groups) if items]


def has_times(transcript) -> bool:
    return any(u.start is not None for u in transcript.utterances)


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _value(value, kind: str = "count") -> str:
    if value is None:
        return "—"
    if kind == "share":
        return f"{round(value * 100)}%"
    if kind == "percent":
        return f"{value:g}%"
    if kind == "ratio":
        return f"{value:g}"
    return str(value)


def metric_rows(m: SessionMetrics) -> list[tuple[str, str, str]]:
    """(label, value, note) for each metric, in the documented order of ideas."""
    return [
        ("Questions", _value(m.questions), f"{m.open_questions} open, {m.closed_questions} closed"),
        ("Open questions", _value(m.percent_open_questions, "percent"), "of open and closed questions; a description, not a sign of skill"),
        ("Reflections", _value(m.reflections), f"{m.simple_reflections} simple, {m.complex_reflections} complex"),
        ("Reflections per question (R:Q)", _value(m.reflection_to_question_ratio, "ratio"),
         "reflections ÷ questions, weighed by how sure the coder is of each"),
        ("Complex reflections (%CR)", _value(m.percent_complex_reflections, "percent"), "of all reflections; a rough description"),
        ("Affirmations", _value(m.affirmations), ""),
        ("Advice without permission", _value(m.advice_without_permission), ""),
        ("Practitioner's share of the words", _value(m.practitioner_talk_share, "share"), ""),
        ("Longest practitioner stretch", f"{m.longest_practitioner_run} words", "without the client speaking"),
        ("Client change talk", _value(m.change_talk), ""),
        ("Client sustain talk", _value(m.sustain_talk), ""),
        ("Change talk share", _value(m.change_talk_share, "share"), "change ÷ (change + sustain)"),
    ]


def metric_notes(context) -> list[str]:
    """The validity notes to print under the metrics (metrics/validity.py)."""
    from alliance.metrics.validity import NOTES

    return [f"{label}: {NOTES[key]}" for key, label in (("percent_open_questions", "Open questions"),
                                                         ("percent_complex_reflections", "Complex reflections"))]


def miti_rows(context) -> list[tuple[str, str, str, str, str]]:
    """(label, value, fair, good, where this session sits) for each MITI summary score."""
    rows = []
    for s in context.summaries:
        kind = "ratio" if s.key == "reflection_to_question_ratio" else "percent"
        where = {"good": "at or above good", "fair": "at or above fair", "below fair": "below fair", None: "nothing to compare"}[s.level]
        if s.note:
            where = "not compared (see note)"
        rows.append((s.label, _value(s.value, kind), _value(s.fair, kind), _value(s.good, kind), where))
    return rows


def evidence_text(indexes: list[int]) -> str:
    return refs(indexes, limit=8) if indexes else ""


def heading(analysis) -> str:
    t = analysis.transcript
    people = ", ".join(f"{name} ({role})" for name, role in _speaker_roles(t))
    return f"{len(t.utterances)} turns · {t.format} · {people}"


def _speaker_roles(transcript):
    seen: dict[str, str] = {}
    for u in transcript.utterances:
        seen.setdefault(u.speaker, u.role)
    return list(seen.items())
