"""The caseload: who needs attention today first, then every client. A fixed number of queries.

Status and search narrow the database query; the practitioner and "needs attention only"
filters are applied to that one result in Python, so the page's query count stays the same
whatever is chosen (pinned in tests/web/test_caseload*.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    UUIDField,
)
from django.utils import timezone

from alliance import measures
from alliance.errors import MeasureError
from alliance.measures.alerts import sort_key
from alliance.records.access import visible_clients
from alliance.records.models import (
    AgencySettings,
    Alert,
    CheckinResponse,
    Client,
    Contact,
    ConversationAnalysis,
)
from alliance.web import alert_present
from alliance.web import status as status_rule

RELATIONSHIP_INSTRUMENT = "relationship-checkin"
OUTCOME_INSTRUMENTS = ("phq-9", "gad-7")


@dataclass(frozen=True)
class OutcomeTrend:
    """How one outcome measure has moved since the client's first check-in, in words."""

    name: str
    first: float
    latest: float
    text: str  # e.g. "PHQ-9 ↓ 6 since intake (14 → 8), a reliable improvement"
    direction: str  # "better" | "worse" | "same" | "first"


def _annotate_outcomes(qs):
    fields = {}
    for instrument_id in OUTCOME_INSTRUMENTS:
        scored = CheckinResponse.objects.filter(client=OuterRef("pk"), instrument_id=instrument_id, total__isnull=False)
        key = instrument_id.replace("-", "")
        fields[f"{key}_first"] = Subquery(scored.order_by("submitted_at").values("total")[:1])
        fields[f"{key}_latest"] = Subquery(scored.order_by("-submitted_at").values("total")[:1])
        fields[f"{key}_count"] = Subquery(
            scored.order_by().values("client").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
        )
    return qs.annotate(**fields)


def caseload_queryset(user, *, search: str = "", status: str = "active"):
    now = timezone.now()
    qs = visible_clients(user).select_related("practitioner")
    if status in (Client.Status.ACTIVE, Client.Status.CLOSED):
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(preferred_name__icontains=search))
    latest_relationship = CheckinResponse.objects.filter(
        client=OuterRef("pk"), instrument_id=RELATIONSHIP_INSTRUMENT
    ).order_by("-submitted_at")
    qs = qs.annotate(
        last_contact_at=Max("contacts__starts_at", filter=Q(contacts__attendance=Contact.Attendance.ATTENDED)),
        next_contact_at=Min("contacts__starts_at", filter=Q(contacts__starts_at__gt=now)),
        open_alerts=Count("alerts", filter=Q(alerts__resolved_at__isnull=True), distinct=True),
        relationship_total=Subquery(latest_relationship.values("total")[:1]),
        relationship_severity=Subquery(latest_relationship.values("severity")[:1]),
    )
    return _annotate_unconfirmed(_annotate_outcomes(qs)).order_by("name")


def _annotate_unconfirmed(qs):
    """The client's latest analysed contact still waiting for who is who (docs/conversations.md), in the same query."""
    waiting = ConversationAnalysis.objects.filter(
        contact__client=OuterRef("pk"), status=ConversationAnalysis.Status.DONE, roles_confirmed=False,
    ).order_by("-created_at")
    return qs.annotate(unconfirmed_contact=Subquery(waiting.values("contact_id")[:1], output_field=UUIDField()))


def outcome_trend(instrument_id: str, first: float | None, latest: float | None, count: int | None = 2) -> OutcomeTrend | None:
    """Describe the change from the first to the latest of ``count`` totals; None when there are none."""
    if first is None or latest is None or not count:
        return None
    try:
        instrument = measures.get_instrument(instrument_id)
    except MeasureError:
        return None
    if count == 1:
        return OutcomeTrend(instrument.name, first, latest, f"{instrument.name} {first:g} at intake, nothing to compare yet", "first")
    diff = latest - first
    size = abs(diff)
    if size < 1e-9:
        return OutcomeTrend(instrument.name, first, latest, f"{instrument.name} unchanged since intake ({first:g})", "same")
    arrow = "↓" if diff < 0 else "↑"
    better = (diff < 0) == (instrument.higher_is == "worse")
    text = f"{instrument.name} {arrow} {size:g} since intake ({first:g} → {latest:g})"
    if instrument.reliable_change is not None and size >= instrument.reliable_change:
        text += ", a reliable improvement" if better else ", reliably worse"
    return OutcomeTrend(instrument.name, first, latest, text, "better" if better else "worse")


def band_label(instrument_id: str, band_id: str) -> str:
    """The band's words ("Going well") for a stored band id ("going_well")."""
    try:
        bands = measures.get_instrument(instrument_id).bands
    except MeasureError:
        return band_id
    return next((b.label.get("en", band_id) for b in bands if b.id == band_id), band_id)


def _trends(client) -> list[OutcomeTrend]:
    trends = []
    for instrument_id in OUTCOME_INSTRUMENTS:
        key = instrument_id.replace("-", "")
        values = (getattr(client, f"{key}_{part}") for part in ("first", "latest", "count"))
        trend = outcome_trend(instrument_id, *values)
        if trend:
            trends.append(trend)
    return trends


def _attention_reasons(client, alerts, stale_after, now):
    """(urgency, text) pairs by the one rule in alliance.web.status, shared with the client and team pages."""
    return list(status_rule.attention(client, alerts, client.last_contact_at, stale_after=stale_after, now=now).reasons)


def build_caseload(user, *, search: str = "", status: str = "active", practitioner: str = "", attention_only: bool = False) -> dict:
    now = timezone.now()
    clients = list(caseload_queryset(user, search=search, status=status))
    settings = AgencySettings.current()
    stale_after = now - timedelta(days=settings.no_contact_alert_days)
    alerts_by_client: dict = {}
    if clients:
        for alert in alert_present.ordered(Alert.objects.filter(client__in=[c.pk for c in clients], resolved_at__isnull=True)):
            alert.age = alert_present.age(alert, now)
            alerts_by_client.setdefault(alert.client_id, []).append(alert)
    is_supervisor = user.role == "supervisor"
    # The practitioner choices come from the result before that filter, so no extra query is needed.
    practitioners = sorted({c.practitioner for c in clients}, key=lambda p: (p.display_name.lower(), str(p.pk)))
    if is_supervisor and practitioner:
        clients = [c for c in clients if str(c.practitioner_id) == practitioner]
    attention = []
    for client in clients:
        client.alert_list = alerts_by_client.get(client.pk, [])
        client.outcome_trends = _trends(client)
        client.relationship_label = band_label(RELATIONSHIP_INSTRUMENT, client.relationship_severity or "")
        reasons = _attention_reasons(client, client.alert_list, stale_after, now)
        client.needs_attention = bool(reasons)
        client.attention_reasons = reasons
        client.attention_urgency = reasons[0].urgency if reasons else ""
        if reasons:
            attention.append({"client": client, "reasons": reasons, "urgency": reasons[0].urgency})
    # The one ordering (alliance.measures.alerts): most urgent, then most recent, first.
    attention.sort(key=lambda item: (*sort_key(item["urgency"], item["reasons"][0].since), item["client"].name))
    # Only the assigned practitioner can confirm who is who, so only they are reminded.
    to_confirm = [c for c in clients if c.unconfirmed_contact and c.practitioner_id == user.pk]
    if attention_only:
        clients = [c for c in clients if c.needs_attention]
    return {
        "clients": clients,
        "attention": attention,
        "to_confirm": to_confirm,
        "search": search,
        "status": status,
        "practitioner": practitioner if is_supervisor else "",
        "practitioners": practitioners if is_supervisor else [],
        "attention_only": attention_only,
        "is_supervisor": is_supervisor,
    }
