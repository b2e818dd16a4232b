"""The contact page's "Conversation" section, and the evidence beside the reflection journal's prompts."""

from __future__ import annotations

import uuid

from django.urls import reverse

from alliance import measures
from alliance.errors import MeasureError
from alliance.records.models import (
    CheckinResponse,
    Contact,
    ConversationAnalysis,
)
from alliance.records.transcript_retention import retention_days, text_removed_on
from alliance.web.conversation_forms import TranscriptForm
from alliance.web.conversation_present import (
    MITI_CAVEAT,
    change_talk_met,
    feedback_views,
    metric_rows,
    utterance_links,
    utterance_views,
)
from alliance.web.pages.caseload import RELATIONSHIP_INSTRUMENT
from alliance.web.speaker_step import SpeakersForm, page_note, speakers_of, sureness

CONTACT_TEMPLATE = "alliance/_conversation_section.html"

WAITING = (ConversationAnalysis.Status.QUEUED, ConversationAnalysis.Status.RUNNING)
FINISHED = (ConversationAnalysis.Status.DONE, ConversationAnalysis.Status.FAILED)

PROMPTS = (
    "Did I listen fully?",
    "Did I respond empathetically?",
    "What did I learn about what matters to this client?",
    "What would I try differently?",
)


def latest_analysis(contact) -> ConversationAnalysis | None:
    return ConversationAnalysis.objects.filter(contact=contact).order_by("-created_at").first()


def contact_context(request, contact, can_write: bool) -> dict:
    analysis = latest_analysis(contact)
    consent = contact.recording_consent == Contact.Consent.YES
    retention = retention_days()
    view = None
    if analysis is not None:
        view = {
            "analysis": analysis,
            "waiting": analysis.status in WAITING,
            "percent": round((analysis.progress or 0) * 100),
            # A new query string on every render, so following the link always reloads the page
            # (a link that differs from the page only by its #fragment would just scroll).
            "refresh_url": reverse("contact_detail", args=[contact.pk]) + f"?checked={uuid.uuid4().hex[:8]}#conversation",
        }
        if analysis.status == ConversationAnalysis.Status.DONE and analysis.result:
            result = analysis.result
            view.update(
                utterances=utterance_views(result),
                metrics=metric_rows(analysis.metrics or result.get("metrics")),
                miti_caveat=_caveat(result),
                feedback=feedback_views(result),
                role_note=page_note(analysis),
                coding_note=result.get("coding_note") or "",
                speakers_form=SpeakersForm(speakers_of(result), can_change=not analysis.text_discarded),
                sureness=sureness(result),
                text_removed_on=text_removed_on(analysis, retention),
            )
    return {
        "conversation": view,
        "conversation_consent": consent,
        "conversation_can_upload": can_write and consent,
        "conversation_form": TranscriptForm() if can_write and consent else None,
        "conversation_retention_days": retention,
        "conversation_consent_withdrawn": contact.recording_consent == Contact.Consent.WITHDRAWN,
    }


def _caveat(result: dict) -> str:
    context = result.get("miti_context")
    if isinstance(context, dict) and isinstance(context.get("caveat"), str):
        return context["caveat"]
    return MITI_CAVEAT


def reflection_evidence(contact) -> dict[str, dict]:
    """Evidence for each journal prompt, from this contact's analysis and the client's relationship check-in.

    Each value is ``{"text": ..., "links": [{"href", "text"}]}``; the links open the turns on the contact page.
    """
    evidence: dict[str, dict] = {prompt: {"lines": [], "links": []} for prompt in PROMPTS}
    analysis = (
        ConversationAnalysis.objects.filter(contact=contact, status=ConversationAnalysis.Status.DONE)
        .order_by("-created_at").first()
    )
    if analysis and analysis.result:
        _conversation_evidence(evidence, analysis.metrics or analysis.result.get("metrics") or {}, analysis.result,
                               page=reverse("contact_detail", args=[contact.pk]))
    checkin = _relationship_checkin(contact)
    if checkin:
        evidence["Did I respond empathetically?"]["lines"].append(checkin)
    return {
        prompt: {"text": " ".join(e["lines"]), "links": e["links"]}
        for prompt, e in evidence.items() if e["lines"]
    }


def _conversation_evidence(evidence: dict, m: dict, result: dict, page: str) -> None:
    rq = m.get("reflection_to_question_ratio")
    share = m.get("practitioner_talk_share")
    listen = f"You offered {m.get('reflections', 0)} reflections and asked {m.get('questions', 0)} questions"
    listen += f" (R:Q {rq:.2g} : 1)." if rq is not None else "."
    if share is not None:
        listen += f" You spoke {round(share * 100)}% of the words."
    evidence["Did I listen fully?"]["lines"].append(listen)
    complex_pct = m.get("percent_complex_reflections")
    empathy = f"{m.get('complex_reflections', 0)} of your reflections were complex"
    empathy += f" ({complex_pct:g}%)." if complex_pct is not None else "."
    moments, met = change_talk_met(result)
    if moments:
        empathy += (f" The client spoke about change {moments} time{'s' if moments != 1 else ''};"
                    f" your next turn reflected it {met} time{'s' if met != 1 else ''}.")
    evidence["Did I respond empathetically?"]["lines"].append(empathy)
    # The core's own journal hints point at the turns worth revisiting.
    for item in result.get("journal_prompts", []):
        if isinstance(item, dict) and item.get("prompt") in evidence and item.get("hint"):
            evidence[item["prompt"]]["lines"].append(item["hint"])
            evidence[item["prompt"]]["links"] += utterance_links(item.get("evidence", []), page=page)


def _relationship_checkin(contact) -> str:
    response = (
        CheckinResponse.objects.filter(contact=contact, instrument_id=RELATIONSHIP_INSTRUMENT)
        .order_by("-submitted_at").first()
    )
    if response is None or response.total is None:
        return ""
    try:
        instrument = measures.get_instrument(RELATIONSHIP_INSTRUMENT)
    except MeasureError:
        return ""
    text = instrument.text("en")
    line = (
        f"In their relationship check-in the client answered {response.total:g} out of {instrument.max_total:g} on average "
        f"({instrument.band_for(response.total).label['en']})."
    )
    low = [text.items[i - 1] for i in (response.score or {}).get("low_items", []) if 0 < i <= len(text.items)]
    if low:
        line += " Lowest: " + "; ".join(f"“{item}”" for item in low) + "."
    return line
