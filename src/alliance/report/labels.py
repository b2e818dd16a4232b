"""Words for codes and metrics, shared by every report."""

from __future__ import annotations

from alliance.coding.codes import Codes, is_unsure
from alliance.feedback.observation import refs
from alliance.metrics import LABELS, SessionMetrics, Summary

_INPUT = {
    "information": "information",
    "advice": "advice",
    "negotiation": "planning together",
    "options": "offering options",
}


def code_tags(c: Codes) -> list[tuple[str, str]]:
    """(tag, words) for each code: ('open_question', 'open question'), ('change', 'change talk') …

    The tag names the code for a stylesheet (the web's app.css has ``.code.open_question`` …).
    """
    tags = []
    if c.behaviour == "question":
        tags.append((f"{c.question}_question", f"{c.question} question") if c.question else ("question", "question"))
    elif c.behaviour == "reflection":
        tags.append((f"{c.reflection}_reflection", f"{c.reflection} reflection") if c.reflection else ("reflection", "reflection"))
    elif c.behaviour == "therapist_input":
        if c.input == "advice":
            tags.append(("advice_without_permission", "advice without permission") if c.advice_without_permission
                        else ("advice_with_permission", "advice with permission"))
        else:
            tags.append((c.input or "input", _INPUT.get(c.input or "", "information or advice")))
    if c.affirmation:
        tags.append(("affirmation", "affirmation"))
    if c.client_talk in ("change", "sustain"):
        tags.append((c.client_talk, f"{c.client_talk} talk"))
    return tags


def code_labels(c: Codes) -> list[str]:
    """'open question', 'complex reflection', 'advice without permission', 'change talk' …"""
    return [words for _, words in code_tags(c)]


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
        (LABELS["questions"], _value(m.questions), f"{m.open_questions} open, {m.closed_questions} closed"),
        (LABELS["percent_open_questions"], _value(m.percent_open_questions, "percent"),
         "of open and closed questions; a description, not a sign of skill"),
        (LABELS["reflections"], _value(m.reflections), f"{m.simple_reflections} simple, {m.complex_reflections} complex"),
        (LABELS["reflection_to_question_ratio"], _value(m.reflection_to_question_ratio, "ratio"),
         "reflections ÷ questions, weighed by how sure the coder is of each"),
        (LABELS["percent_complex_reflections"], _value(m.percent_complex_reflections, "percent"),
         "of all reflections; a rough description"),
        (LABELS["affirmations"], _value(m.affirmations), ""),
        (LABELS["advice_without_permission"], _value(m.advice_without_permission), ""),
        (LABELS["practitioner_talk_share"], _value(m.practitioner_talk_share, "share"), ""),
        (LABELS["longest_practitioner_run"], f"{m.longest_practitioner_run} words", "without the client speaking"),
        (LABELS["change_talk"], _value(m.change_talk), ""),
        (LABELS["sustain_talk"], _value(m.sustain_talk), ""),
        (LABELS["change_talk_share"], _value(m.change_talk_share, "share"), "change ÷ (change + sustain)"),
    ]


def metric_notes(context) -> list[str]:
    """The validity notes to print under the metrics (metrics/validity.py)."""
    from alliance.metrics.validity import NOTES

    shares = [f"{label}: {NOTES[key]}" for key, label in (("percent_open_questions", "Open questions"),
                                                           ("percent_complex_reflections", "Complex reflections"))]
    # Beyond the shares' standing notes, a session's own reason for not comparing (too few questions).
    return shares + [f"{s.label}: {s.note}" for s in context.summaries if s.note and s.key not in NOTES]


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


def miti_sentence(s: Summary) -> str:
    """Where one session's summary score sits against MITI's levels, as a sentence."""
    unit = "" if s.key == "reflection_to_question_ratio" else "%"
    if s.value is None:
        return "Not enough to compare (nothing to divide by)."
    if s.level is None:
        return s.note  # a metric not placed against the levels (metrics/validity.py)
    if s.level == "good":
        return f"At or above the MITI 'good' level ({s.good:g}{unit})."
    if s.level == "fair":
        return f"At or above the MITI 'fair' level ({s.fair:g}{unit}); 'good' is {s.good:g}{unit}."
    return f"Below the MITI 'fair' level ({s.fair:g}{unit})."


def evidence_text(indexes: list[int]) -> str:
    return refs(indexes, limit=8) if indexes else ""


def heading(analysis) -> str:
    t = analysis.transcript
    people = ", ".join(f"{name} ({role})" for name, role in _speaker_roles(t))
    return f"{len(t.utterances)} turns · {t.format} · {people}"


# What the person reading an analysis should know about the text it was coded from, by the coder
# variant that coded it (alliance/coding/variants.py); nothing to say for edited text. Without "?"
# questions are the codes most often lost (docs/coding.md, "Speech-to-text"), so the note names them.
CODING_NOTES = {
    "captions": (
        "This transcript has little or no punctuation, as automatic captions often do, so Alliance coded it "
        "with its model for captions. Without punctuation questions are harder to tell from reflections: "
        "read the question and reflection counts as rougher than usual. Feedback still states only what "
        "the coder is sure of, so it states less and asks more. A transcript with punctuation gives surer codes."
    ),
}


def coding_note(variant: str | None) -> str:
    """One plain paragraph about what the text means for the codes, or "" when there is nothing to say."""
    return CODING_NOTES.get(variant or "", "")


def intro_notes(analysis) -> list[str]:
    """What to know before reading the report: how the roles were found, and what the text means for the codes."""
    return [note for note in (analysis.role_note, analysis.coding_note) if note]


def _speaker_roles(transcript):
    seen: dict[str, str] = {}
    for u in transcript.utterances:
        seen.setdefault(u.speaker, u.role)
    return list(seen.items())
