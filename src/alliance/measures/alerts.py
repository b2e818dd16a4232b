"""Alerts: what about a client deserves the practitioner's attention, each with the answers behind it.

Every rule and its numbers are documented in docs/measures.md ("Alerts"). Messages are plain and
warm: an alert opens a conversation with the client, it is never a verdict on anyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from alliance.errors import MeasureError
from alliance.measures.change import change_on
from alliance.measures.expected import ExpectedBands
from alliance.measures.history import (
    CheckinRecord,
    ClientHistory,
    ContactRecord,
    as_datetime,
    day,
)
from alliance.measures.instruments import get_instrument
from alliance.measures.model import Instrument
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
# The one ordering of alerts, used by every page: most urgent first, then most recent first.
URGENCY_ORDER = {"urgent": 0, "attention": 1, "info": 2}
URGENCY_WORDS = {"urgent": "Urgent", "attention": "Needs attention", "info": "For information"}

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
    when: str = ""  # ISO date of the event behind the alert (the latest answer, the last missed contact)

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
    return most_urgent_first(sorted(found, key=lambda a: KINDS.index(a.kind)))


T = TypeVar("T")


def urgency_rank(urgency: str) -> int:
    """0 for urgent, 1 for needs attention, 2 for information; anything unknown after those."""
    return URGENCY_ORDER.get(urgency, len(URGENCY_ORDER))


def _timestamp(when: date | datetime | str | None) -> float:
    if when is None or when == "":
        return float("-inf")
    if isinstance(when, str):
        when = datetime.fromisoformat(when) if len(when) > 10 else date.fromisoformat(when)
    return (as_datetime(when) - datetime(1970, 1, 1)).total_seconds()


def sort_key(urgency: str, when: date | datetime | str | None) -> tuple[int, float]:
    """The ordering key of one alert: most urgent first, and within an urgency most recent first."""
    return (urgency_rank(urgency), -_timestamp(when))


def most_urgent_first(
    items: Iterable[T],
    urgency: Callable[[T], str] = lambda a: a.urgency,
    when: Callable[[T], date | datetime | str | None] = lambda a: a.when,
) -> list[T]:
    """``items`` in the one alert ordering (stable, so equal keys keep their order)."""
    return sorted(items, key=lambda a: sort_key(urgency(a), when(a)))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 question', '2 questions'."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def age_text(when: date | datetime, now: date | datetime) -> str:
    """How old an alert is, in words: 'today', 'yesterday', '3 days ago', '5 weeks ago', '2 months ago'."""
    then = when.date() if isinstance(when, datetime) else when
    today = now.date() if isinstance(now, datetime) else now
    days = (today - then).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{plural(days, 'day')} ago"
    if days < 61:
        return f"{plural(days // 7, 'week')} ago"
    return f"{plural(days // 30, 'month')} ago"


def _the_last(count: int, noun: str) -> str:
    return f"The last {noun}" if count == 1 else f"The last {plural(count, noun)}"


def _quoted(texts: Iterable[str]) -> str:
    """Item wordings in a sentence: each quoted without its own closing full stop (no '..')."""
    return "; ".join(f"'{t.rstrip(' .')}'" for t in texts)


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
                    f"On {day(record.when)} the client answered '{answer}' to {instrument.name} question {c.item}, "
                    f"about {c.reason}. They were shown the agency's crisis information straight away. "
                    "Please reach out to them as soon as you can and follow your agency's safety procedure."
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
                when=day(record.when),
            )
        )
    return out


def _relationship(instrument: Instrument, scored: list[tuple[CheckinRecord, Score]]) -> list[Alert]:
    """One check-in, at most one alert: a low check-in that is also a drop is one rupture, said once."""
    record, latest = scored[-1]
    scale_top = f"{instrument.max_answer:g}"
    previous = scored[-2] if len(scored) >= 2 and latest.total < scored[-2][1].total else None
    lower: list[str] = []
    if previous is not None:
        lower = [
            instrument.items[n].text["en"]
            for n, (a, b) in enumerate(zip(previous[1].answers, latest.answers))
            if a is not None and b is not None and b < a
        ]
    if latest.worth_a_conversation:
        low = [instrument.items[n - 1].text["en"] for n in latest.low_items]
        detail = f", with 'A little' or less on {_quoted(low)}" if low else ""
        drop = ""
        evidence: dict[str, Any] = {
            "instrument": instrument.id,
            "when": day(record.when),
            "answers": list(latest.answers),
            "total": latest.total,
            "threshold": dict(instrument.conversation_threshold or {}),
            "low_items": list(latest.low_items),
        }
        if previous is not None:
            prev_record, prev = previous
            drop = f" It was {prev.total:g} on {day(prev_record.when)}."
            evidence["before"] = {"when": day(prev_record.when), "answers": list(prev.answers), "total": prev.total}
            evidence["after"] = {"when": day(record.when), "answers": list(latest.answers), "total": latest.total}
            del evidence["answers"]
        return [
            Alert(
                kind="relationship_low",
                urgency="attention",
                message=(
                    f"The relationship check-in on {day(record.when)} averaged {latest.total:g} out of {scale_top}"
                    f"{detail}.{drop} It is worth asking, openly and without defending, what would make your work "
                    "together fit them better."
                ),
                evidence=evidence,
                key=f"{instrument.id}:{day(record.when)}:low",
                instrument_id=instrument.id,
                when=day(record.when),
            )
        ]
    if previous is None:
        return []
    prev_record, prev = previous
    detail = f"; lower on {_quoted(lower)}" if lower else ""
    return [
        Alert(
            kind="relationship_drop",
            urgency="info",
            message=(
                f"The relationship check-in went from {prev.total:g} on {day(prev_record.when)} to "
                f"{latest.total:g} on {day(record.when)} (out of {scale_top}){detail}. Top answers are "
                "common, so any drop is a gentle conversation opener, not a verdict."
            ),
            evidence={
                "instrument": instrument.id,
                "before": {"when": day(prev_record.when), "answers": list(prev.answers), "total": prev.total},
                "after": {"when": day(record.when), "answers": list(latest.answers), "total": latest.total},
            },
            key=f"{instrument.id}:{day(record.when)}:drop",
            instrument_id=instrument.id,
            when=day(record.when),
        )
    ]


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
                when=day(last_record.when),
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
                    f"After {plural(contact_count, 'contact')}, {instrument.name} has not reliably improved "
                    f"({first.total:g} then, {last.total:g} now; a reliable change is {result.threshold:g} points). "
                    "This can be a good moment to review the plan together with the client."
                ),
                evidence={**evidence, "contacts": contact_count, "after_contacts": settings.not_improving_after_contacts},
                key=f"{instrument.id}:{key_tail}:not_improving",
                instrument_id=instrument.id,
                when=day(last_record.when),
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
                when=day(last_record.when),
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
                f"{_the_last(len(run), 'check-in')} ({', '.join(dates)}) went unanswered. Showing up matters: "
                "it may help to ask whether the check-in still works for them, or what would make it easier."
            ),
            evidence={"missed": dates},
            key=f"checkins:{dates[0]}",
            when=dates[-1],
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
                f"{_the_last(len(run), 'contact')} ({', '.join(dates)}) {'was' if len(run) == 1 else 'were'} missed. Showing up matters: a friendly "
                "call to ask how they are, and what would make it easier to come, may help."
            ),
            evidence={
                "missed": [{"when": day(c.when), "cancelled_by": c.cancelled_by} for c in run],
            },
            key=f"contacts:{dates[0]}",
            when=dates[-1],
        )
    ]


def explain_evidence(evidence: dict) -> dict:
    """An alert's evidence (``Alert.evidence``, as stored) as a person reads it: facts, and the answers item by
    item (one column per occasion). ``{"facts": [(name, text)], "headings": [...], "rows": [{"text", "answers"}]}``."""
    facts: list[tuple[str, str]] = []
    columns: list[tuple[str, list]] = []
    instrument = None
    try:
        instrument = get_instrument(evidence["instrument"]) if evidence.get("instrument") else None
    except MeasureError:
        instrument = None
    if "item_text" in evidence:
        facts.append(("Question", evidence["item_text"]))
        facts.append(("Answer", f"{evidence.get('answer_text', evidence.get('answer'))} ({evidence.get('when', '')})"))
    if "answers" in evidence:
        columns.append((evidence.get("when", "Answers"), evidence["answers"]))
    for name in ("before", "first", "after", "latest"):
        block = evidence.get(name)
        if isinstance(block, dict) and "answers" in block:
            columns.append((f"{name.capitalize()}: {block.get('when', '')} (total {block.get('total', '')})", block["answers"]))
    change = evidence.get("change")
    if isinstance(change, dict):
        facts.append(("Change", f"{change.get('before'):g} → {change.get('after'):g}; reliable at {change.get('threshold'):g} points"))
    if "contacts" in evidence:
        facts.append(("Attended contacts since the first check-in", str(evidence["contacts"])))
    if isinstance(evidence.get("expected"), dict):
        facts.append(("Agency's past clients", evidence["expected"].get("message", "")))
    missed = evidence.get("missed")
    if missed:
        shown = [m["when"] + (f" (cancelled by {m['cancelled_by']})" if m.get("cancelled_by") else "") if isinstance(m, dict) else m for m in missed]
        facts.append(("Missed", ", ".join(shown)))
    rows = []
    if instrument is not None and columns:
        options = {o.value: o.text["en"] for o in instrument.options}
        for n, item in enumerate(instrument.items):
            values = [answers[n] if n < len(answers) else None for _, answers in columns]
            rows.append({"text": item.text["en"], "answers": ["—" if v is None else f"{options.get(v, v)} ({v})" for v in values]})
    return {"facts": facts, "headings": [h for h, _ in columns], "rows": rows}
