"""The client page's relationship view: per contact, what the client said about the relationship
(their check-in) beside what the conversation shows (its metrics), so both sides are read together."""

from __future__ import annotations

from alliance import measures
from alliance.errors import MeasureError
from alliance.records.models import CheckinResponse, Contact, ConversationAnalysis
from alliance.web.caseload import RELATIONSHIP_INSTRUMENT

CLIENT_TEMPLATE = "alliance/_relationship_section.html"
RECENT_CONTACTS = 8


def client_context(request, client, can_write: bool) -> dict:
    contacts = list(
        Contact.objects.filter(client=client, attendance=Contact.Attendance.ATTENDED).order_by("-starts_at")[:RECENT_CONTACTS]
    )
    ids = [c.pk for c in contacts]
    analyses: dict = {}
    for analysis in ConversationAnalysis.objects.filter(contact_id__in=ids, status=ConversationAnalysis.Status.DONE).order_by("created_at").only("contact_id", "metrics"):
        analyses[analysis.contact_id] = analysis  # the latest wins
    checkins: dict = {}
    for response in CheckinResponse.objects.filter(client=client, contact_id__in=ids, instrument_id=RELATIONSHIP_INSTRUMENT).order_by("submitted_at"):
        checkins[response.contact_id] = response
    instrument = _instrument()
    rows = []
    for contact in contacts:
        analysis, checkin = analyses.get(contact.pk), checkins.get(contact.pk)
        if analysis is None and checkin is None:
            continue
        rows.append({"contact": contact, "felt": _felt(instrument, checkin), "said": _said(analysis.metrics if analysis else None)})
    return {"relationship_rows": rows, "relationship_max": instrument.max_total if instrument else None}


def _instrument():
    try:
        return measures.get_instrument(RELATIONSHIP_INSTRUMENT)
    except MeasureError:
        return None


def _felt(instrument, response) -> dict | None:
    if response is None or response.total is None or instrument is None:
        return None
    low = len((response.score or {}).get("low_items", []))
    return {
        "total": f"{response.total:g}",
        "band": instrument.band_for(response.total).label["en"],
        "worth_talking": response.total < (instrument.conversation_threshold or {}).get("mean_below", 0) or low > 0,
        "low": low,
    }


def _said(metrics: dict | None) -> dict | None:
    if not metrics:
        return None
    rq = metrics.get("reflection_to_question_ratio")
    share = metrics.get("practitioner_talk_share")
    open_pct = metrics.get("percent_open_questions")
    change, sustain = metrics.get("change_talk", 0), metrics.get("sustain_talk", 0)
    return {
        "rq": "—" if rq is None else f"{rq:.2g} : 1",
        "open": "—" if open_pct is None else f"{open_pct:g}%",
        "share": "—" if share is None else f"{round(share * 100)}%",
        "change": f"{change} change, {sustain} sustain",
    }
