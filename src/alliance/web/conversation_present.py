"""Turn a stored analysis (``Analysis.to_dict()``) into what the Conversation section shows.

Codes become readable labels with a CSS class (colour *and* text); metrics come with the
MITI 4.2.1 context; feedback links to the utterances it rests on. Nothing here reads text
that the agency chose not to keep: when it was discarded the utterances carry codes only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from alliance.coding.codes import is_unsure
from alliance.metrics.validity import note as validity_note

ROLE_LABELS = {"practitioner": "Practitioner", "client": "Client", "other": "Other"}
INPUT_LABELS = {"information": "Information", "negotiation": "Planning together", "options": "Offering options"}

# MITI 4.2.1 summary-score thresholds (fair, good).
MITI_THRESHOLDS = {"reflection_to_question_ratio": (1.0, 2.0), "percent_complex_reflections": (40.0, 50.0)}
MITI_CAVEAT = (
    "The MITI 4.2.1 manual sets these 'fair' and 'good' levels from expert opinion, not from research on outcomes. "
    "Read them as a rough guide for one session, not a verdict."
)


@dataclass
class Label:
    css: str
    text: str


@dataclass
class UtteranceView:
    index: int
    number: int
    speaker: str
    role: str
    role_label: str
    text: str | None
    labels: list[Label] = field(default_factory=list)


def code_labels(codes: dict | None) -> list[Label]:
    """Readable labels for one utterance's codes; the CSS classes match app.css (``.code.open_question`` …)."""
    codes = codes or {}
    labels = []
    behaviour = codes.get("behaviour")
    if behaviour == "question":
        kind = codes.get("question")
        labels.append(Label(f"{kind}_question", f"{kind.capitalize()} question") if kind else Label("question", "Question"))
    elif behaviour == "reflection":
        kind = codes.get("reflection")
        labels.append(Label(f"{kind}_reflection", f"{kind.capitalize()} reflection") if kind else Label("reflection", "Reflection"))
    elif behaviour == "therapist_input":
        kind = codes.get("input")
        if kind == "advice":
            if codes.get("advice_without_permission"):
                labels.append(Label("advice_without_permission", "Advice without permission"))
            else:
                labels.append(Label("advice_with_permission", "Advice with permission"))
        else:
            labels.append(Label(kind or "input", INPUT_LABELS.get(kind, "Information or advice")))
    if codes.get("affirmation"):
        labels.append(Label("affirmation", "Affirmation"))
    talk = codes.get("client_talk")
    if talk == "change":
        labels.append(Label("change", "Change talk"))
    elif talk == "sustain":
        labels.append(Label("sustain", "Sustain talk"))
    if labels and is_unsure(codes.get("confidence")):
        labels.append(Label("unsure", "Unsure"))
    return labels


def utterance_views(result: dict) -> list[UtteranceView]:
    views = []
    for u in result.get("utterances", []):
        role = u.get("role") or "other"
        views.append(UtteranceView(
            index=u["index"], number=u["index"] + 1, speaker=u.get("speaker") or "", role=role,
            role_label=ROLE_LABELS.get(role, role.capitalize()), text=u.get("text"), labels=code_labels(u.get("codes")),
        ))
    return views


def _number(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _miti(key: str, value) -> str:
    fair, good = MITI_THRESHOLDS[key]
    unit = "" if key == "reflection_to_question_ratio" else "%"
    if value is None:
        return "Not enough to compare (nothing to divide by)."
    if value >= good:
        return f"At or above the MITI 'good' level ({good:g}{unit})."
    if value >= fair:
        return f"At or above the MITI 'fair' level ({fair:g}{unit}); 'good' is {good:g}{unit}."
    return f"Below the MITI 'fair' level ({fair:g}{unit})."


def metric_rows(metrics: dict | None) -> list[dict]:
    """(label, value, context) rows: the MITI summary scores first, then the counts they come from."""
    m = metrics or {}
    rq = m.get("reflection_to_question_ratio")
    share = m.get("practitioner_talk_share")
    change_share = m.get("change_talk_share")
    return [
        {"label": "Reflections to questions (R:Q)", "value": "—" if rq is None else f"{_number(rq, 2)} : 1",
         "context": _miti("reflection_to_question_ratio", rq)
                    + " Each turn counts by how sure the coder is of it, so a few unsure turns cannot tip it."},
        {"label": "Complex reflections, of all reflections",
         "value": "—" if m.get("percent_complex_reflections") is None else f"{_number(m['percent_complex_reflections'])}%",
         "context": validity_note("percent_complex_reflections")},
        {"label": "Open questions, of all questions",
         "value": "—" if m.get("percent_open_questions") is None else f"{_number(m['percent_open_questions'])}%",
         "context": "MITI 4 counts questions without splitting them; shown on its own. " + validity_note("percent_open_questions")},
        {"label": "Questions", "value": str(m.get("questions", 0)),
         "context": f"{m.get('open_questions', 0)} open, {m.get('closed_questions', 0)} closed."},
        {"label": "Reflections", "value": str(m.get("reflections", 0)),
         "context": f"{m.get('simple_reflections', 0)} simple, {m.get('complex_reflections', 0)} complex."},
        {"label": "Affirmations", "value": str(m.get("affirmations", 0)), "context": ""},
        {"label": "Advice without asking permission", "value": str(m.get("advice_without_permission", 0)), "context": ""},
        {"label": "Practitioner's share of the words", "value": "—" if share is None else f"{round(share * 100)}%",
         "context": f"Longest stretch without the client speaking: {m.get('longest_practitioner_run', 0)} words."},
        {"label": "Client's change talk", "value": str(m.get("change_talk", 0)),
         "context": f"{m.get('sustain_talk', 0)} sustain talk"
                    + ("" if change_share is None else f"; change talk is {round(change_share * 100)}% of the two.")},
    ]


def feedback_views(result: dict) -> list[dict]:
    items = []
    for item in result.get("feedback", []):
        evidence = [i for i in item.get("evidence", []) if isinstance(i, int)]
        items.append({
            "message": item.get("message", ""),
            "kind": item.get("kind", ""),
            "strength": bool(item.get("strength")),
            # Analyses stored before feedback v2 have no form: they were statements.
            "question": item.get("form") == "question",
            "links": utterance_links(evidence),
        })
    return items


def utterance_links(indexes, page: str = "") -> list[dict]:
    """Links to the transcript's turns, numbered from 1 as the feedback's messages number them."""
    return [{"href": f"{page}#utterance-{i}", "text": f"turn {i + 1}"} for i in indexes if isinstance(i, int)]


def change_talk_met(result: dict) -> tuple[int, int]:
    """(change-talk moments, of which the practitioner's next turn was a reflection)."""
    utterances = result.get("utterances", [])
    moments = met = 0
    for position, u in enumerate(utterances):
        if u.get("role") != "client" or (u.get("codes") or {}).get("client_talk") != "change":
            continue
        moments += 1
        following = next((n for n in utterances[position + 1:] if n.get("role") == "practitioner"), None)
        if following and (following.get("codes") or {}).get("behaviour") == "reflection":
            met += 1
    return moments, met
