"""Whether a client needs attention, and why: the one answer the caseload, client and team pages all show.

A client needs attention when they are active and either have an open alert or have gone
longer than the agency allows without an attended contact. A closed client needs none: their
open alerts stay on their own page as history, but leave the caseload's and the team's lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from alliance.measures.alerts import URGENCY_ORDER, URGENCY_WORDS, sort_key  # noqa: F401 - the one ordering
from alliance.records.models import AgencySettings, Alert, Client, Contact


@dataclass(frozen=True)
class Reason:
    urgency: str  # "urgent" | "attention" | "info"
    text: str
    alert: Alert | None = None  # None for a reason that is not an alert (no recent contact)
    since: datetime | None = None


@dataclass(frozen=True)
class Attention:
    client: Client
    reasons: list[Reason]

    @property
    def needed(self) -> bool:
        return bool(self.reasons)

    @property
    def urgency(self) -> str:
        return self.reasons[0].urgency if self.reasons else ""

    @property
    def words(self) -> str:
        return URGENCY_WORDS.get(self.urgency, "")


def stale_before(now: datetime | None = None, settings: AgencySettings | None = None) -> datetime:
    """Attended contacts before this moment are too long ago (AgencySettings.no_contact_alert_days)."""
    # Read, never create: a page that only reads must not write the settings row (AgencySettings.current() would).
    settings = settings or AgencySettings.objects.filter(pk=1).first() or AgencySettings()
    return (now or timezone.now()) - timedelta(days=settings.no_contact_alert_days)


def attention(client: Client, alerts: Sequence[Alert], last_contact_at: datetime | None, *,
              stale_after: datetime, now: datetime) -> Attention:
    """The one rule: an active client's open alerts, then a missing or old contact; most urgent first.

    Alerts keep the order they are given in within an urgency (the pages pass them newest first)."""
    if client.status != Client.Status.ACTIVE:
        return Attention(client, [])
    reasons = [Reason(a.urgency, a.message, a, a.occurred_on or a.created_at) for a in alerts]
    if last_contact_at is None:
        reasons.append(Reason("attention", "No attended contact recorded yet."))
    elif last_contact_at < stale_after:
        reasons.append(Reason("attention", f"No contact for {(now - last_contact_at).days} days.", since=last_contact_at))
    reasons.sort(key=lambda r: sort_key(r.urgency, r.since))  # most urgent, then most recent, first
    return Attention(client, reasons)


def attention_for(clients: Iterable[Client], *, now: datetime | None = None) -> dict:
    """client pk -> Attention for these clients. Three queries whatever their number."""
    clients = list(clients)
    if not clients:
        return {}
    now = now or timezone.now()
    stale_after = stale_before(now)
    ids = [c.pk for c in clients]
    alerts: dict = {}
    for alert in Alert.objects.filter(client_id__in=ids, resolved_at__isnull=True).order_by("-created_at"):
        alerts.setdefault(alert.client_id, []).append(alert)
    last = dict(
        Contact.objects.filter(client_id__in=ids, attendance=Contact.Attendance.ATTENDED)
        .values("client_id").annotate(last=Max("starts_at")).values_list("client_id", "last")
    )
    return {c.pk: attention(c, alerts.get(c.pk, []), last.get(c.pk), stale_after=stale_after, now=now) for c in clients}


def active_filter(prefix: str = "") -> Q:
    """Rows whose client is active, e.g. ``Alert.objects.filter(active_filter("client__"))``."""
    return Q(**{f"{prefix}status": Client.Status.ACTIVE})
