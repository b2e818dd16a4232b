"""Check-ins on the records side: links, submitting answers, and turning history into alerts.

The intelligence (scoring, reliable change, alert rules) lives in ``alliance.measures``; this
module only moves data between the database and the core's plain records. Nothing here logs
answers, tokens or names: ids and event names only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliance import measures
from alliance.errors import MeasureError
from alliance.measures.alerts import DEFAULT_CRISIS_TEXT as CORE_CRISIS_TEXT
from alliance.measures.alerts import (
    KINDS as ALERT_KINDS,  # the kinds this service owns in the Alert table
)
from alliance.records.models import (
    AgencySettings,
    Alert,
    AlertNote,
    CheckinAnswer,
    CheckinLink,
    CheckinResponse,
    Client,
    Contact,
)

logger = logging.getLogger("alliance.checkins")

# A shared progress view stays reachable with the same link for this long after answering.
PROGRESS_VIEW_DAYS = 14
DEFAULT_INSTRUMENTS = ("relationship-checkin",)


def hash_token(token: str) -> str:
    """Only this hash is stored, so a copy of the database cannot be turned back into links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_token(link_id) -> str:
    """The link's token: HMAC-SHA256 of its id under the SECRET_KEY, 43 URL-safe characters.

    Made from the id, so the practitioner can copy a waiting link again and a scheduled link can be
    emailed by the worker, while the database alone (a copy, a backup) still cannot be turned back
    into links: that needs the secret key too. Changing SECRET_KEY ends every waiting link.
    """
    digest = hmac.new(settings.SECRET_KEY.encode("utf-8"), f"alliance.checkin-link:{link_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def create_link(
    client: Client,
    *,
    created_by,
    instruments: Sequence[str] = DEFAULT_INSTRUMENTS,
    contact: Contact | None = None,
    days: int | None = None,
    language: str | None = None,
    now=None,
    scheduled: bool = False,
) -> tuple[CheckinLink, str]:
    """A new single-use link; returns ``(link, token)``. The token is shown once and never stored."""
    for instrument_id in instruments:
        measures.get_instrument(instrument_id)  # MeasureError for unknown or unlicensed instruments
    if contact is not None and contact.client_id != client.pk:
        raise ValueError("the contact belongs to another client")
    days = days if days is not None else AgencySettings.current().checkin_link_days
    now = now or timezone.now()
    link_id = uuid.uuid4()
    token = link_token(link_id)
    link = CheckinLink.objects.create(
        id=link_id,
        scheduled=scheduled,
        token_hash=hash_token(token),
        client=client,
        contact=contact,
        instruments=list(instruments),
        language=language or client.preferred_language or "en",
        created_by=created_by,
        expires_at=now + timedelta(days=days),
    )
    logger.info("checkin.link_created link=%s client=%s", link.pk, client.pk)
    return link, token


def find_link(token: str) -> CheckinLink | None:
    if not token or len(token) > 100:
        return None
    return CheckinLink.objects.select_related("client").filter(token_hash=hash_token(token)).first()


def link_state(link: CheckinLink, now=None) -> str:
    """"open", "used" or "expired"."""
    if link.used_at is not None:
        return "used"
    if link.expires_at <= (now or timezone.now()):
        return "expired"
    return "open"


@dataclass
class Submission:
    """What happened when a client sent their answers."""

    status: str  # "saved" | "used" | "expired" | "incomplete"
    responses: list[CheckinResponse] = field(default_factory=list)
    critical: bool = False
    # instrument id -> 1-based positions the client still needs to answer (status "incomplete")
    missing: dict[str, list[int]] = field(default_factory=dict)


def submit(
    link_id,
    answers: Mapping[str, Sequence[int | None]],
    extra_answers: Mapping[str, Sequence[int | None]] | None = None,
    now=None,
) -> Submission:
    """Score and store one link's answers in a single transaction; a second submit stores nothing.

    ``answers`` maps each of the link's instruments to its scored items in order; ``extra_answers``
    holds the instrument's unscored items (such as the PHQ-9 difficulty question), stored after them.
    """
    now = now or timezone.now()
    extra_answers = extra_answers or {}
    try:
        with transaction.atomic():
            # SQLite takes the write lock at BEGIN (transaction_mode IMMEDIATE); PostgreSQL locks the row here.
            link = CheckinLink.objects.select_for_update(of=("self",)).select_related("client").get(pk=link_id)
            state = link_state(link, now)
            if state != "open":
                return Submission(status=state)
            scored, missing = {}, {}
            for instrument_id in link.instruments:
                given = list(answers.get(instrument_id) or [])
                try:
                    scored[instrument_id] = measures.score(instrument_id, given)
                except MeasureError as exc:
                    if exc.code not in ("M003", "M004", "M005"):
                        raise
                    count = len(measures.get_instrument(instrument_id).items)
                    missing[instrument_id] = [n for n in range(1, count + 1) if n > len(given) or given[n - 1] is None]
            if missing:
                return Submission(status="incomplete", missing=missing)
            responses = [
                _store(link, instrument_id, result, extra_answers.get(instrument_id) or (), now)
                for instrument_id, result in scored.items()
            ]
            link.used_at = now
            link.draft = {}
            link.save(update_fields=["used_at", "draft"])
            _recompute_safely(link.client, now)
    except IntegrityError:
        # Two submits racing past the state check: the unique constraint lets one through.
        return Submission(status="used")
    critical = any(r.score.get("critical_items") for r in responses)
    logger.info("checkin.submitted link=%s client=%s responses=%d", link.pk, link.client_id, len(responses))
    return Submission(status="saved", responses=responses, critical=critical)


def _recompute_safely(client: Client, now) -> None:
    """Alerts are recomputed with the answers, but a fault there must never lose the answers themselves."""
    try:
        with transaction.atomic():
            recompute_alerts(client, now=now)
    except Exception:  # noqa: BLE001 - logged by id; the next submit or contact save recomputes
        logger.exception("checkin.alerts_failed client=%s", client.pk)


def _store(link: CheckinLink, instrument_id: str, result, extra: Sequence[int | None], now) -> CheckinResponse:
    response = CheckinResponse.objects.create(
        client_id=link.client_id,
        contact_id=link.contact_id,
        link=link,
        instrument_id=instrument_id,
        language=link.language,
        submitted_at=now,
        total=result.total,
        severity=result.severity,
        score=result.to_dict(),
    )
    values = list(result.answers) + list(extra)
    CheckinAnswer.objects.bulk_create(
        CheckinAnswer(response=response, item_index=n, value=value) for n, value in enumerate(values, 1)
    )
    return response


def scored_answers(response: CheckinResponse) -> tuple[int | None, ...]:
    """The scored items' answers, from the stored score (unscored items are stored after them)."""
    return tuple(response.score.get("answers") or ())


# --- history and alerts --------------------------------------------------------------------------

CANCELLED_BY = {
    Contact.Attendance.CANCELLED_BY_CLIENT: "client",
    Contact.Attendance.CANCELLED_BY_PRACTITIONER: "practitioner",
}


def client_history(client: Client, now=None) -> measures.ClientHistory:
    """The client's check-ins (answered, and links that expired unanswered) and past contacts."""
    now = now or timezone.now()
    checkins = [
        measures.CheckinRecord(r.instrument_id, r.submitted_at, scored_answers(r), r.language)
        for r in CheckinResponse.objects.filter(client=client).order_by("submitted_at")
    ]
    for link in CheckinLink.objects.filter(client=client, used_at__isnull=True, expires_at__lte=now):
        checkins += [measures.CheckinRecord(i, link.created_at, None, link.language) for i in link.instruments]
    contacts = [
        measures.ContactRecord(c.starts_at, c.attendance == Contact.Attendance.ATTENDED, CANCELLED_BY.get(c.attendance))
        for c in Contact.objects.filter(client=client, starts_at__lte=now)
        .exclude(attendance=Contact.Attendance.PLANNED)
        .order_by("starts_at")
    ]
    return measures.ClientHistory(checkins=checkins, contacts=contacts)


def alert_settings(client: Client, history: measures.ClientHistory) -> measures.AlertSettings:
    """The agency's crisis text, and expected-change bands from its own past clients when there are enough."""
    agency = AgencySettings.current()
    expected = {}
    for instrument_id in {r.instrument_id for r in history.checkins if not r.missed}:
        instrument = measures.get_instrument(instrument_id)
        if instrument.reliable_change is None and not instrument.jacobson_truax:
            continue
        first = CheckinResponse.objects.filter(client=client, instrument_id=instrument_id, total__isnull=False).first()
        if first is None:
            continue
        expected[instrument_id] = measures.expected_change_bands(
            past_outcomes(instrument_id, exclude=client), first.severity, instrument_id=instrument_id
        )
    return measures.AlertSettings(crisis_text={"en": agency.crisis_text}, expected=expected)


def past_outcomes(instrument_id: str, exclude: Client | None = None) -> list[measures.PastOutcome]:
    """First and last totals of the agency's closed clients on one instrument."""
    rows = (
        CheckinResponse.objects.filter(
            instrument_id=instrument_id, total__isnull=False, client__status=Client.Status.CLOSED
        )
        .exclude(client=exclude)
        .order_by("client_id", "submitted_at")
        .values_list("client_id", "total")
    )
    firsts: dict = {}
    lasts: dict = {}
    for client_id, total in rows:
        firsts.setdefault(client_id, total)
        lasts[client_id] = total
    return [measures.PastOutcome(instrument_id, firsts[c], lasts[c]) for c in firsts if c in lasts]


# A critical answer stays open until a person has followed it up, even after a calmer check-in.
KEEP_UNTIL_FOLLOWED_UP = {"critical_item"}


@dataclass
class AlertUpdate:
    opened: int = 0
    updated: int = 0
    resolved: int = 0
    current: list[measures.Alert] = field(default_factory=list)


def recompute_alerts(client: Client, now=None) -> AlertUpdate:
    """Upsert the core's alerts for this client by (kind, key) and resolve those that no longer apply."""
    now = now or timezone.now()
    history = client_history(client, now)
    found = measures.alerts(history, alert_settings(client, history))
    update = AlertUpdate(current=found)
    with transaction.atomic():
        existing = {(a.kind, a.key): a for a in Alert.objects.filter(client=client, kind__in=ALERT_KINDS)}
        for alert in found:
            row = existing.get((alert.kind, alert.key))
            if row is None:
                row = Alert.objects.create(
                    client=client, kind=alert.kind, key=alert.key, urgency=alert.urgency,
                    message=alert.message, evidence=alert.evidence, occurred_on=_day(alert.when),
                )
                update.opened += 1
                if row.urgency == Alert.Urgency.URGENT and client.status == Client.Status.ACTIVE:
                    from alliance.records.notifications import notify_urgent

                    # The practitioner hears at once; escalation follows if nobody answers. Timed by the clock,
                    # not by ``now``, which may be a past moment when history is replayed (as the demo does).
                    notify_urgent(row)
            elif row.resolved_by_id is None and (
                row.message != alert.message or row.urgency != alert.urgency or row.resolved_at is not None
                or row.occurred_on != _day(alert.when)
            ):
                row.message, row.urgency, row.evidence, row.resolved_at = alert.message, alert.urgency, alert.evidence, None
                row.occurred_on = _day(alert.when)
                row.save(update_fields=["message", "urgency", "evidence", "resolved_at", "occurred_on"])
                update.updated += 1
        keys = {(a.kind, a.key) for a in found}
        for (kind, key), row in existing.items():
            if (kind, key) not in keys and row.resolved_at is None and kind not in KEEP_UNTIL_FOLLOWED_UP:
                row.resolved_at = now
                row.save(update_fields=["resolved_at"])
                update.resolved += 1
    logger.info(
        "checkin.alerts client=%s opened=%d updated=%d resolved=%d", client.pk, update.opened, update.updated, update.resolved
    )
    return update


def _day(iso: str):
    return date.fromisoformat(iso) if iso else None


def crisis_text_for(language: str) -> str:
    """What a client in crisis reads, in their link's language wherever the agency or the core has it.

    The agency's own text for the language comes first. Without one, the core's wording in that
    language is shown, followed by the agency's own English text if it wrote one (its local
    numbers must not be lost to a translation it has not made yet).
    """
    agency = AgencySettings.current()
    numbers = agency.crisis_numbers.strip()
    own = agency.own_crisis_text(language)
    if own:
        text = own
    elif language == "en" or language not in CORE_CRISIS_TEXT:
        text = agency.crisis_text  # the shipped default or the agency's own English
    else:
        english = agency.own_crisis_text("en")
        core = CORE_CRISIS_TEXT[language]
        text = f"{core}\n\n{english}" if english else core
    # The agency's own numbers follow in every language, so no translation can lose them.
    return f"{text}\n\n{numbers}" if numbers and numbers not in text else text


def save_draft(link: CheckinLink, answers: Mapping[str, str], now=None) -> bool:
    """Keep a half-answered check-in so the client can carry on later; False once the link is closed."""
    if link_state(link, now) != "open":
        return False
    CheckinLink.objects.filter(pk=link.pk, used_at__isnull=True).update(draft=dict(answers))
    return True


def close_alert(alert: Alert, user, *, action: str = "", note: str = "", now=None) -> AlertNote:
    """Close an alert with what was done; who and when are kept, and the alert stays in the history."""
    now = now or timezone.now()
    with transaction.atomic():
        alert.resolved_at = now
        alert.resolved_by = user
        fields = ["resolved_at", "resolved_by"]
        if alert.acknowledged_at is None:
            alert.acknowledged_at, alert.acknowledged_by = now, user
            fields += ["acknowledged_at", "acknowledged_by"]
        alert.save(update_fields=fields)
        return AlertNote.objects.create(alert=alert, author=user, at=now, kind=AlertNote.Kind.CLOSED, action=action, note=note)


def acknowledge_alert(alert: Alert, user, *, note: str = "", now=None) -> AlertNote:
    """Say someone is on it (escalation stops); the alert stays open until it is followed up."""
    now = now or timezone.now()
    with transaction.atomic():
        if alert.acknowledged_at is None:
            alert.acknowledged_at, alert.acknowledged_by = now, user
            alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
        return AlertNote.objects.create(alert=alert, author=user, at=now, kind=AlertNote.Kind.ACKNOWLEDGED, note=note)


def mark_followed_up(alert: Alert, user, now=None) -> None:
    close_alert(alert, user, now=now)


class _Recompute:
    """An on-commit callback that knows its client, so one transaction recomputes each client once."""

    def __init__(self, client_id):
        self.client_id = client_id
        self.ran = False

    def __call__(self):
        self.ran = True
        client = Client.objects.filter(pk=self.client_id).first()
        if client is not None:
            recompute_alerts(client)


def on_contact_saved(sender, instance: Contact, raw: bool = False, using: str = "default", **kwargs) -> None:
    """post_save receiver: a missed contact can open (or close) the missed-contacts alert."""
    if raw:
        return
    connection = transaction.get_connection(using)
    pending = [f for _, f, _ in getattr(connection, "run_on_commit", ())]
    if any(isinstance(f, _Recompute) and f.client_id == instance.client_id and not f.ran for f in pending):
        return
    transaction.on_commit(_Recompute(instance.client_id), using=using)
