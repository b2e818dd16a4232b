"""The caseload: who needs attention today first, then every client. A fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

from alliance.records.access import visible_clients
from alliance.records.models import AgencySettings, Alert, CheckinResponse, Client, Contact

RELATIONSHIP_INSTRUMENT = "relationship-checkin"
URGENCY_ORDER = {"urgent": 0, "attention": 1, "info": 2}


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
    return qs.annotate(
        last_contact_at=Max("contacts__starts_at", filter=Q(contacts__attendance=Contact.Attendance.ATTENDED)),
        next_contact_at=Min("contacts__starts_at", filter=Q(contacts__starts_at__gt=now)),
        open_alerts=Count("alerts", filter=Q(alerts__resolved_at__isnull=True), distinct=True),
        relationship_total=Subquery(latest_relationship.values("total")[:1]),
        relationship_severity=Subquery(latest_relationship.values("severity")[:1]),
        has_urgent=Exists(Alert.objects.filter(client=OuterRef("pk"), resolved_at__isnull=True, urgency="urgent")),
    ).order_by("name")


def build_caseload(user, *, search: str = "", status: str = "active") -> dict:
    clients = list(caseload_queryset(user, search=search, status=status))
    settings = AgencySettings.current()
    stale_after = timezone.now() - timedelta(days=settings.no_contact_alert_days)
    alerts_by_client: dict = {}
    if clients:
        for alert in Alert.objects.filter(client__in=[c.pk for c in clients], resolved_at__isnull=True).order_by("created_at"):
            alerts_by_client.setdefault(alert.client_id, []).append(alert)
    attention = []
    for client in clients:
        reasons = [(a.urgency, a.message) for a in alerts_by_client.get(client.pk, [])]
        if client.status == Client.Status.ACTIVE and (client.last_contact_at is None or client.last_contact_at < stale_after):
            if client.last_contact_at is None:
                reasons.append(("attention", "No attended contact recorded yet."))
            else:
                days = (timezone.now() - client.last_contact_at).days
                reasons.append(("attention", f"No contact for {days} days."))
        client.alert_list = alerts_by_client.get(client.pk, [])
        if reasons:
            reasons.sort(key=lambda r: URGENCY_ORDER.get(r[0], 3))
            attention.append({"client": client, "reasons": reasons, "urgency": reasons[0][0]})
    attention.sort(key=lambda item: (URGENCY_ORDER.get(item["urgency"], 3), item["client"].name))
    return {
        "clients": clients,
        "attention": attention,
        "search": search,
        "status": status,
        "is_supervisor": user.role == "supervisor",
    }
