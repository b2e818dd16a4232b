"""The client page's relationship view: per contact, what the client said about the relationship
(their check-in) beside what the conversation shows (its metrics), so both sides are read together."""

from __future__ import annotations

from django.utils import timezone

from alliance import measures
from alliance.errors import MeasureError
from alliance.records.models import CheckinResponse, Contact, ConversationAnalysis
from alliance.web.charts import Line, Point, line_chart
from alliance.web.pages.caseload import RELATIONSHIP_INSTRUMENT

CLIENT_TEMPLATE = "alliance/_relationship_section.html"
RECENT_CONTACTS = 8
RQ_SCALE_TOP = 4.0


def client_context(request, client, can_write: bool) -> dict:
    contacts = list(
        Contact.objects.filter(client=client, attendance=Contact.Attendance.ATTENDED).order_by("-starts_at")[:RECENT_CONTACTS]
    )
    ids = [c.pk for c in contacts]
    analyses: dict = {}
    for analysis in ConversationAnalysis.counted().filter(contact_id__in=ids).order_by("created_at").only("contact_id", "metrics"):
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
        rows.append({
            "contact": contact, "felt": _felt(instrument, checkin), "said": _said(analysis.metrics if analysis else None),
            "checkin": checkin, "metrics": analysis.metrics if analysis else None,
        })
    return {
        "relationship_rows": rows,
        "relationship_max": instrument.max_total if instrument else None,
        "relationship_charts": _charts(list(reversed(rows)), instrument),
    }


def _charts(rows: list[dict], instrument) -> list:
    """The two sides over time, oldest first, when each has at least two points to join."""
    felt = [Point(_day(r["contact"]), r["checkin"].total) for r in rows if r["checkin"] and r["checkin"].total is not None]
    rq = [
        Point(_day(r["contact"]), r["metrics"]["reflection_to_question_ratio"])
        for r in rows if r["metrics"] and r["metrics"].get("reflection_to_question_ratio") is not None
    ]
    charts = []
    if len(felt) >= 2 and instrument is not None:
        threshold = (instrument.conversation_threshold or {}).get("mean_below")
        charts.append(line_chart(
            felt, title="How the client felt the relationship went", y_min=instrument.min_total, y_max=instrument.max_total,
            lines=[Line(threshold, f"Worth a conversation below {threshold:g}")] if threshold else [], y_label="Average, 0 to 4",
        ))
    if len(rq) >= 2:
        # A fixed 0-4 scale (twice MITI's 'good'), so the reference lines stay readable; a session far above it
        # (few questions) sits on the top edge with an arrow and its value, instead of flattening the rest.
        charts.append(line_chart(
            rq, title="Reflections per question in the conversation", y_min=0, y_max=RQ_SCALE_TOP,
            lines=[Line(1, "MITI fair (1)"), Line(2, "MITI good (2)")], y_label="R:Q",
        ))
    return charts


def _day(contact) -> str:
    return timezone.localtime(contact.starts_at).strftime("%-d %b")


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
