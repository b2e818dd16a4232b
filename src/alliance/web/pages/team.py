"""What a supervisor sees of their team: alerts, each practitioner's caseload and skill trends, shared reflections.

Material for supervision conversations, not a league table: practitioners are listed
alphabetically and each is compared only with their own past. A fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone

from alliance.records.access import reflections_visible_to
from alliance.records.models import Alert, Client, Contact, Reflection, Role, User
from alliance.web import alert_present, status
from alliance.web.pages.practice import (
    Trend,
    analyzed_rows,
    relationship_trend,
    skill_trends,
    window_start,
)


@dataclass
class PractitionerSummary:
    person: User
    active_clients: int
    open_alerts: int
    trends: list[Trend] = field(default_factory=list)
    analyzed_sessions: int = 0
    needing_attention: int = 0  # active clients who need attention by the caseload's rule (alliance.web.status)


def require_supervisor(user) -> None:
    """The team pages are for supervisors with a team; anyone else finds nothing here (404)."""
    if user.role != Role.SUPERVISOR or not user.team_id:
        raise Http404("No such page.")


def team_practitioners(team_id):
    """The team's practitioners, alphabetically, with their active caseload and open alerts. One query."""
    return (
        User.objects.filter(team_id=team_id, role=Role.PRACTITIONER, is_active=True)
        .annotate(
            active_clients=Count("clients", filter=Q(clients__status=Client.Status.ACTIVE), distinct=True),
            open_alerts=Count(
                "clients__alerts",
                filter=Q(clients__alerts__resolved_at__isnull=True, clients__status=Client.Status.ACTIVE),
                distinct=True,
            ),
        )
        .order_by("first_name", "last_name", "username")
    )


def team_overview(supervisor) -> dict:
    require_supervisor(supervisor)
    team_id = supervisor.team_id
    # Closed clients leave the team's list (alliance.web.status): their alerts stay on their own page.
    alerts = alert_present.ordered(
        Alert.objects.filter(client__team_id=team_id, client__status=Client.Status.ACTIVE, resolved_at__isnull=True)
        .select_related("client", "client__practitioner", "acknowledged_by")
    )
    for alert in alerts:
        alert.age = alert_present.age(alert)
    people = list(team_practitioners(team_id))
    rows = analyzed_rows([p.pk for p in people], window_start())
    by_person: dict = {}
    for row in rows:
        by_person.setdefault(row[0], []).append(row)
    summaries = []
    for person in people:
        mine = by_person.get(person.pk, [])
        summaries.append(PractitionerSummary(
            person, person.active_clients, person.open_alerts,
            skill_trends(mine, subject=f"{person.first_name or person.username}'s", charts=False), len(mine),
        ))
    shared = list(
        reflections_visible_to(supervisor, Reflection.objects.filter(shared_with_supervisor=True, contact__client__team_id=team_id))
        .exclude(author=supervisor)
        .select_related("author", "contact", "contact__client")
        .order_by("-created_at")[:20]
    )
    clients = list(
        Client.objects.filter(team_id=team_id).select_related("practitioner").order_by("name").annotate(
            last_contact_at=Max("contacts__starts_at", filter=Q(contacts__attendance=Contact.Attendance.ATTENDED))
        )
    )
    attention = _attention(clients, alerts)
    for summary in summaries:
        summary.needing_attention = sum(
            1 for client in clients if client.practitioner_id == summary.person.pk and attention[client.pk].needed
        )
    return {
        "team": supervisor.team, "alerts": alerts, "practitioners": summaries, "shared_reflections": shared, "clients": clients,
        # What needs attention besides alerts (no recent contact), by the caseload's own rule.
        "other_reasons": [(c, r) for c in clients for r in attention[c.pk].reasons if r.alert is None],
    }


def _attention(clients, alerts) -> dict:
    """client pk -> status.Attention, from rows already loaded (no query)."""
    now = timezone.now()
    stale_after = status.stale_before(now)
    by_client: dict = {}
    for alert in alerts:
        by_client.setdefault(alert.client_id, []).append(alert)
    return {
        client.pk: status.attention(client, by_client.get(client.pk, []), client.last_contact_at, stale_after=stale_after, now=now)
        for client in clients
    }


def practitioner_detail(supervisor, practitioner_id) -> dict:
    """One practitioner of the supervisor's team: their trends with charts. 404 for anyone else."""
    require_supervisor(supervisor)
    person = team_practitioners(supervisor.team_id).filter(pk=practitioner_id).first()
    if person is None:
        raise Http404("No such page.")
    since = window_start()
    rows = analyzed_rows([person.pk], since)
    name = person.first_name or person.username
    return {
        "person": person,
        "trends": skill_trends(rows, subject=f"{name}'s"),
        "relationship": relationship_trend(person, since, whose=f"{name}'s"),
        "analyzed_sessions": len(rows),
    }
