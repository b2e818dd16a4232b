"""Turn a stored analysis (``Analysis.to_dict()``) into what the Conversation section shows.

Codes become readable labels with a CSS class (colour *and* text); metrics come with the
MITI 4.2.1 context; feedback links to the utterances it rests on. The words, metric names and
MITI levels are the core's (report/labels.py, alliance.metrics), read from the stored dict; only
the page's shape is here. Nothing here reads text that the agency chose not to keep: when it was
discarded the utterances carry codes only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from alliance.coding.codes import Codes, is_unsure
from alliance.metrics import LABELS, SessionMetrics, miti_context
from alliance.metrics.miti import CAVEAT as MITI_CAVEAT  # noqa: F401 - for analyses stored without their MITI context
from alliance.metrics.miti import QUESTIONS_NOTE
from alliance.metrics.validity import note as validity_note
from alliance.report.labels import code_tags, miti_sentence

ROLE_LABELS = {"practitioner": "Practitioner", "client": "Client", "other": "Other"}


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
    """Readable labels for one utterance's codes (report/labels.py's words); the CSS classes match app.css."""
    c = Codes.from_dict(codes)
    labels = [Label(tag, words.capitalize()) for tag, words in code_tags(c)]
    if labels and is_unsure(c.confidence):
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


def metric_rows(metrics: dict | None) -> list[dict]:
    """(label, value, context) rows: the MITI summary scores first, then the counts they come from."""
    m = SessionMetrics.from_dict(metrics)
    rq = m.reflection_to_question_ratio
    share = m.practitioner_talk_share
    change_share = m.change_talk_share
    levels = {s.key: s for s in miti_context(m).summaries}
    return [
        {"label": LABELS["reflection_to_question_ratio"], "value": "—" if rq is None else f"{_number(rq, 2)} : 1",
         "context": miti_sentence(levels["reflection_to_question_ratio"])
                    + " Each turn counts by how sure the coder is of it, so a few unsure turns cannot tip it."},
        {"label": LABELS["percent_complex_reflections"],
         "value": "—" if m.percent_complex_reflections is None else f"{_number(m.percent_complex_reflections)}%",
         "context": validity_note("percent_complex_reflections")},
        {"label": LABELS["percent_open_questions"],
         "value": "—" if m.percent_open_questions is None else f"{_number(m.percent_open_questions)}%",
         "context": f"{QUESTIONS_NOTE} {validity_note('percent_open_questions')}"},
        {"label": LABELS["questions"], "value": str(m.questions),
         "context": f"{m.open_questions} open, {m.closed_questions} closed."},
        {"label": LABELS["reflections"], "value": str(m.reflections),
         "context": f"{m.simple_reflections} simple, {m.complex_reflections} complex."},
        {"label": LABELS["affirmations"], "value": str(m.affirmations), "context": ""},
        {"label": LABELS["advice_without_permission"], "value": str(m.advice_without_permission), "context": ""},
        {"label": LABELS["practitioner_talk_share"], "value": "—" if share is None else f"{round(share * 100)}%",
         "context": f"Longest stretch without the client speaking: {m.longest_practitioner_run} words."},
        {"label": LABELS["change_talk"], "value": str(m.change_talk),
         "context": f"{m.sustain_talk} sustain talk"
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
