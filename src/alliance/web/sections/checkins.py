"""The "Check-ins" section of the client page: a chart per instrument, the latest answers, alerts with evidence."""

from __future__ import annotations

from django.utils import timezone

from alliance import measures
from alliance.errors import MeasureError
from alliance.measures.alerts import explain_evidence
from alliance.records.checkin_service import (
    ALERT_KINDS,
    alert_settings,
    client_history,
    scored_answers,
)
from alliance.records.models import Alert, CheckinResponse
from alliance.web import alert_present, checkin_links
from alliance.web.charts import Band, Line, Point, line_chart

CLIENT_TEMPLATE = "alliance/_checkins_section.html"
CLIENT_ACTIONS_TEMPLATE = "alliance/_checkins_actions.html"
CONTACT_TEMPLATE = "alliance/_checkins_contact.html"
HISTORY_LIMIT = 20  # closed alerts shown on the client page, most recently closed first


def client_context(request, client, can_write: bool) -> dict:
    responses = list(CheckinResponse.objects.filter(client=client).prefetch_related("answers").order_by("submitted_at"))
    by_instrument: dict[str, list[CheckinResponse]] = {}
    for response in responses:
        by_instrument.setdefault(response.instrument_id, []).append(response)
    history = client_history(client) if by_instrument else None
    settings = alert_settings(client, history) if history else None
    panels = []
    for instrument_id, rows in by_instrument.items():
        try:
            instrument = measures.get_instrument(instrument_id)
        except MeasureError:
            continue  # an instrument the agency no longer has: its answers stay in exports
        panels.append(_panel(instrument, rows, settings.expected.get(instrument_id) if settings else None))
    rows = Alert.objects.filter(client=client, kind__in=ALERT_KINDS).prefetch_related(
        "notifications__recipient", "notes__author"
    ).select_related("resolved_by", "acknowledged_by")
    open_alerts = [a for a in rows if a.resolved_at is None]
    closed = sorted((a for a in rows if a.resolved_at is not None), key=lambda a: a.resolved_at, reverse=True)[:HISTORY_LIMIT]
    cards = alert_present.present(open_alerts, request.user, can_write=can_write)
    for card in cards:
        card["evidence"] = explain_evidence(card["alert"].evidence)
    history = alert_present.present(closed, request.user, can_write=False)

    return {
        "checkin_panels": panels,
        "checkin_alerts": cards,
        "checkin_alert_history": history,
        "checkin_alert_kinds": ALERT_KINDS,
        "checkin_can_create": can_write,
        **checkin_links.links_context(request, client, can_write),
    }


def contact_context(request, contact, can_write: bool) -> dict:
    rows = []
    for response in CheckinResponse.objects.filter(contact=contact).order_by("submitted_at"):
        try:
            instrument = measures.get_instrument(response.instrument_id)
        except MeasureError:
            continue
        rows.append({"name": instrument.name, "response": response, "label": _band_label(instrument, response.total)})
    return {"contact_checkins": rows}


def _band_label(instrument, total) -> str:
    return "" if total is None else instrument.band_for(total).label["en"]


def _panel(instrument, rows: list[CheckinResponse], expected) -> dict:
    scored = [r for r in rows if r.total is not None]
    points = [Point(timezone.localtime(r.submitted_at).strftime("%-d %b"), r.total) for r in scored]
    lines, bands, notes = [], [], []
    threshold = instrument.conversation_threshold
    if instrument.caseness_at_or_above is not None:
        lines.append(Line(instrument.caseness_at_or_above, f"Caseness ({instrument.caseness_at_or_above:g})"))
        notes.append(f"Dashed line: caseness at {instrument.caseness_at_or_above:g} or above. {instrument.caseness_source}")
    elif threshold:
        lines.append(Line(threshold["mean_below"], f"Talk below {threshold['mean_below']:g}"))
        notes.append(
            f"Dashed line: an average below {threshold['mean_below']:g}, or any answer of 'A little' or less, "
            "is worth a conversation."
        )
    if scored and (instrument.reliable_change is not None or instrument.jacobson_truax):
        change = measures.change(instrument.id, scored[0].total, scored[0].total)
        base = scored[0].total
        low, high = max(instrument.min_total, base - change.threshold), min(instrument.max_total, base + change.threshold)
        bands.append(Band(low, high, f"No reliable change from the first ({base:g} ± {change.threshold:g})"))
        notes.append(
            f"Hatched band: within {change.threshold:g} points of the first total, a change may be measurement "
            f"error rather than real change. {change.source}"
        )
    if expected is not None:
        notes.append(expected.message)
    title = f"{instrument.name} over time"
    chart = line_chart(
        points, title=title, y_min=instrument.min_total, y_max=instrument.max_total, lines=lines, bands=bands,
        y_label=("Higher is better" if instrument.higher_is == "better" else "Higher means more difficulty"),
    )
    table = []
    for r in scored:
        entry = {"when": r.submitted_at, "total": r.total, "label": _band_label(instrument, r.total), "change": None}
        if len(table) and bands:
            entry["change"] = measures.change(instrument.id, scored[0].total, r.total)
        table.append(entry)
    latest = rows[-1]
    answers = scored_answers(latest)
    option_text = {o.value: o.text["en"] for o in instrument.options}
    latest_items = [
        {"n": n, "text": item.text["en"], "answer": "(no answer)" if a is None else option_text.get(a, a), "value": a}
        for n, (item, a) in enumerate(zip(instrument.items, answers), 1)
    ]
    stored = {a.item_index: a.value for a in latest.answers.all()}
    for k, unscored in enumerate(instrument.unscored_items, len(instrument.items) + 1):
        value = stored.get(k)
        texts = {o.value: o.text["en"] for o in unscored.options}
        latest_items.append({"n": None, "text": unscored.text["en"], "answer": texts.get(value, "(no answer)"), "value": value})
    return {
        "instrument": instrument,
        "chart": chart,
        "title": title,
        "table": table,
        "latest": latest,
        "latest_label": _band_label(instrument, latest.total),
        "latest_items": latest_items,
        "notes": notes,
        "validated": instrument.validated,
        "notice": instrument.notice.get("en", ""),
    }
