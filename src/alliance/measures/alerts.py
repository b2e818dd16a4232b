"""Alerts: what about a client deserves the practitioner's attention, each with the answers behind it.

Every rule and its numbers are documented in docs/measures.md ("Alerts"). Messages are plain and
warm: an alert opens a conversation with the client, it is never a verdict on anyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from alliance.errors import MeasureError
from alliance.measures.change import change_on
from alliance.measures.expected import ExpectedBands
from alliance.measures.instruments import get_instrument
from alliance.measures.model import Instrument
from alliance.measures.records import CheckinRecord, ClientHistory, ContactRecord, as_datetime, day
from alliance.measures.scoring import Score, score_instrument

KINDS = (
    "critical_item",
    "relationship_low",
    "relationship_drop",
    "deterioration",
    "not_improving",
    "below_expected",
    "missed_checkins",
    "missed_contacts",
)
URGENCY_ORDER = {"urgent": 0, "attention": 1, "info": 2}

DEFAULT_CRISIS_TEXT = {
    "en": (
        "Thank you for telling us how you have been. If you are thinking about hurting yourself or feel "
        "you are in danger right now, please call your local emergency number or go to the nearest "
        "emergency department. Your practitioner will see your answers and be in touch."
    ),
    "es": (
        "Gracias por contarnos cómo ha estado. Si está pensando en hacerse daño o siente que está en "
        "peligro ahora mismo, llame a su número local de emergencias o vaya a la sala de emergencias más "
        "cercana. Su profesional verá sus respuestas y se pondrá en contacto con usted."
    ),
}


@dataclass(frozen=True)
class AlertSettings:
    """An agency's choices; the defaults are the documented ones."""

    not_improving_after_contacts: int = 6
    missed_in_a_row: int = 2
    crisis_text: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CRISIS_TEXT))
    # Expected-change bands per instrument id, from ``expected_change_bands``.
    expected: Mapping[str, ExpectedBands] = field(default_factory=dict)


@dataclass(frozen=True)
class Alert:
    kind: str
    urgency: str  # "urgent" | "attention" | "info"
    message: str
    evidence: dict[str, Any]
    key: str  # same kind + key is the same alert, so recomputing never duplicates it
    instrument_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def crisis_text(settings: AlertSettings | None = None, language: str = "en") -> str:
    """What the client sees at once after answering a critical item above its threshold."""
    texts = (settings or AlertSettings()).crisis_text
    return texts.get(language) or texts.get("en") or DEFAULT_CRISIS_TEXT["en"]


def alerts(
    history: ClientHistory | Iterable[CheckinRecord | ContactRecord], settings: AlertSettings | None = None
) -> list[Alert]:
    """All alerts for one client's history, most urgent first."""
    settings = settings or AlertSettings()
    if not isinstance(history, ClientHistory):
        records = list(history)
        history = ClientHistory(
            checkins=[r for r in records if isinstance(r, CheckinRecord)],
            contacts=[r for r in records if isinstance(r, ContactRecord)],
        )
    checkins = sorted(history.checkins, key=lambda r: as_datetime(r.when))
    contacts = sorted(history.contacts, key=lambda r: as_datetime(r.when))
    found: list[Alert] = []
    by_instrument: dict[str, list[tuple[CheckinRecord, Score]]] = {}
    for record in checkins:
        if record.missed:
            continue
        instrument = get_instrument(record.instrument_id)
        try:
            scored = score_instrument(instrument, record.answers)
        except MeasureError as exc:
            if exc.code != "M005":  # too many unanswered items: nothing to judge, not an error
                raise
            continue
        by_instrument.setdefault(instrument.id, []).append((record, scored))
    for instrument_id, scored in by_instrument.items():
        instrument = get_instrument(instrument_id)
        found += _critical(instrument, scored[-1])
        if instrument.conversation_threshold:
            found += _relationship(instrument, scored)
        if instrument.reliable_change is not None or instrument.jacobson_truax:
            found += _outcome(instrument, scored, contacts, settings)
    found += _missed_checkins(checkins, settings)
    found += _missed_contacts(contacts, settings)
    return sorted(found, key=lambda a: (URGENCY_ORDER[a.urgency], KINDS.index(a.kind)))


def _answer_text(instrument: Instrument, value: int | None) -> str:
    if value is None:
        return "(no answer)"
    return next(o.text["en"] for o in instrument.options if o.value == value)


def _critical(instrument: Instrument, latest: tuple[CheckinRecord, Score]) -> list[Alert]:
    record, scored = latest
    out = []
    for c in scored.critical_items:
        item_text = instrument.items[c.item - 1].text["en"]
        answer = _answer_text(instrument, c.answer)
        out.append(
            Alert(
                kind="critical_item",
                urgency="urgent",
                message=(
                    f"On {day(record.when)} the client answered '{answer}' to {instrument.name} item {c.item} "
                    f"({c.reason}). They were shown the agency's crisis information straight away. "
                    "Please reach out to them today and follow your agency's safety procedure."
                ),
                evidence={
                    "instrument": instrument.id,
                    "when": day(record.when),
                    "item": c.item,
                    "item_text": item_text,
                    "answer": c.answer,
                    "answer_text": answer,
                },
                key=f"{instrument.id}:{day(record.when)}:item{c.item}",
                instrument_id=instrument.id,
            )
        )
    return out


def _relationship(instrument: Instrument, scored: list[tuple[CheckinRecord, Score]]) -> list[Alert]:
    record, latest = scored[-1]
    out = []
    scale_top = f"{instrument.max_answer:g}"
    if latest.worth_a_conversation:
        low = [instrument.items[n - 1].text["en"] for n in latest.low_items]
        detail = f", with 'A little' or less on: {'; '.join(low)}" if low else ""
        out.append(
            Alert(
                kind="relationship_low",
                urgency="attention",
                message=(
                    f"The relationship check-in on {day(record.when)} averaged {latest.total:g} out of {scale_top}"
                    f"{detail}. It is worth asking, openly and without defending, what would make your work "
                    "together fit them better."
                ),
                evidence={
                    "instrument": instrument.id,
                    "when": day(record.when),
                    "answers": list(latest.answers),
                    "total": latest.total,
                    "threshold": dict(instrument.conversation_threshold or {}),
                    "low_items": list(latest.low_items),
                },
                key=f"{instrument.id}:{day(record.when)}:low",
                instrument_id=instrument.id,
            )
        )
    if len(scored) >= 2:
        prev_record, previous = scored[-2]
        if latest.total < previous.total:
            lower = [
                instrument.items[n].text["en"]
                for n, (a, b) in enumerate(zip(previous.answers, latest.answers))
                if a is not None and b is not None and b < a
            ]
            detail = f"; lower on: {'; '.join(lower)}" if lower else ""
            out.append(
                Alert(
                    kind="relationship_drop",
                    urgency="info",
                    message=(
                        f"The relationship check-in went from {previous.total:g} on {day(prev_record.when)} to "
                        f"{latest.total:g} on {day(record.when)} (out of {scale_top}){detail}. Top answers are "
                        "common, so any drop is a gentle conversation opener, not a verdict."
                    ),
                    evidence={
                        "instrument": instrument.id,
                        "before": {"when": day(prev_record.when), "answers": list(previous.answers), "total": previous.total},
                        "after": {"when": day(record.when), "answers": list(latest.answers), "total": latest.total},
                    },
                    key=f"{instrument.id}:{day(record.when)}:drop",
                    instrument_id=instrument.id,
                )
            )
    return out


def _outcome(
    instrument: Instrument,
    scored: list[tuple[CheckinRecord, Score]],
    contacts: list[ContactRecord],
    settings: AlertSettings,
) -> list[Alert]:
    if len(scored) < 2:
        return []
    (first_record, first), (last_record, last) = scored[0], scored[-1]
    result = change_on(instrument, first, last)
    evidence = {
        "instrument": instrument.id,
        "first": {"when": day(first_record.when), "total": first.total, "answers": list(first.answers)},
        "latest": {"when": day(last_record.when), "total": last.total, "answers": list(last.answers)},
        "change": result.to_dict(),
    }
    key_tail = f"{day(first_record.when)}:{day(last_record.when)}"
    out = []
    if result.category == "deteriorated":
        out.append(
            Alert(
                kind="deterioration",
                urgency="attention",
                message=(
                    f"{instrument.name} has gone from {first.total:g} on {day(first_record.when)} to {last.total:g} "
                    f"on {day(last_record.when)}, a reliable change for the worse (at least {result.threshold:g} "
                    "points). Worth asking the client what has changed, and whether the plan still fits."
                ),
                evidence=evidence,
                key=f"{instrument.id}:{key_tail}:deterioration",
                instrument_id=instrument.id,
            )
        )
    # Someone who started below caseness has no clinical change to make: never "not improving".
    contact_count = _contacts_between(contacts, first_record, last_record, len(scored) - 1)
    if (
        first.caseness
        and result.direction == "none"  # a reliable worsening already has its own alert
        and contact_count >= settings.not_improving_after_contacts
    ):
        out.append(
            Alert(
                kind="not_improving",
                urgency="attention",
                message=(
                    f"After {contact_count} contacts, {instrument.name} has not reliably improved "
                    f"({first.total:g} then, {last.total:g} now; a reliable change is {result.threshold:g} points). "
                    "This can be a good moment to review the plan together with the client."
                ),
                evidence={**evidence, "contacts": contact_count, "after_contacts": settings.not_improving_after_contacts},
                key=f"{instrument.id}:{key_tail}:not_improving",
                instrument_id=instrument.id,
            )
        )
    bands = settings.expected.get(instrument.id)
    if bands and bands.enough and bands.intake_band == first.severity and result.improvement < bands.lower:
        out.append(
            Alert(
                kind="below_expected",
                urgency="info",
                message=(
                    f"{instrument.name} has improved by {result.improvement:g} points so far. Half of the agency's "
                    f"past clients who started in the same band improved by {bands.lower:g} to {bands.upper:g} "
                    "points, so this client may need something different; worth exploring together."
                ),
                evidence={**evidence, "expected": bands.to_dict()},
                key=f"{instrument.id}:{key_tail}:below_expected",
                instrument_id=instrument.id,
            )
        )
    return out


def _contacts_between(contacts: list[ContactRecord], first: CheckinRecord, last: CheckinRecord, fallback: int) -> int:
    """Attended contacts from the first check-in to the latest; without contact records, later check-ins."""
    if not contacts:
        return fallback
    start, end = as_datetime(first.when), as_datetime(last.when)
    return sum(1 for c in contacts if c.attended and start.date() <= as_datetime(c.when).date() <= end.date())


def _missed_checkins(checkins: list[CheckinRecord], settings: AlertSettings) -> list[Alert]:
    # One check-in link may carry several instruments: an occasion is missed when none was answered.
    occasions: dict[str, bool] = {}
    for record in checkins:
        key = as_datetime(record.when).isoformat()
        occasions[key] = occasions.get(key, True) and record.missed
    run = []
    for when, missed in occasions.items():
        run = run + [when] if missed else []
    if len(run) < settings.missed_in_a_row:
        return []
    dates = [w[:10] for w in run]
    return [
        Alert(
            kind="missed_checkins",
            urgency="attention",
            message=(
                f"The last {len(run)} check-ins ({', '.join(dates)}) were not answered. Showing up matters: "
                "it may help to ask whether the check-in still works for them, or what would make it easier."
            ),
            evidence={"missed": dates},
            key=f"checkins:{dates[0]}",
        )
    ]


def _missed_contacts(contacts: list[ContactRecord], settings: AlertSettings) -> list[Alert]:
    run: list[ContactRecord] = []
    for contact in contacts:
        run = run + [contact] if contact.missed_by_client else []
    if len(run) < settings.missed_in_a_row:
        return []
    dates = [day(c.when) for c in run]
    return [
        Alert(
            kind="missed_contacts",
            urgency="attention",
            message=(
                f"The last {len(run)} contacts ({', '.join(dates)}) were missed. Showing up matters: a friendly "
                "call to ask how they are, and what would make it easier to come, may help."
            ),
            evidence={
                "missed": [{"when": day(c.when), "cancelled_by": c.cancelled_by} for c in run],
            },
            key=f"contacts:{dates[0]}",
        )
    ]
