"""The administrator's home: accounts, teams and agency settings at a glance. Counts only, never a client record."""

from __future__ import annotations

from django.db.models import Count, Q

from alliance.records.models import AgencySettings, Client, Role, Team, User


def admin_home() -> dict:
    """People by role, each team's size and the agency settings. Four queries."""
    roles = dict(User.objects.filter(is_active=True).values_list("role").annotate(n=Count("pk")))
    teams = list(
        Team.objects.annotate(
            people=Count("members", filter=Q(members__is_active=True), distinct=True),
            active_clients=Count("clients", filter=Q(clients__status=Client.Status.ACTIVE), distinct=True),
        ).order_by("name")
    )
    without_team = User.objects.filter(is_active=True, team__isnull=True).exclude(role=Role.ADMIN).count()
    return {
        "people": [(label, roles.get(value, 0)) for value, label in Role.choices],
        "teams": teams,
        "without_team": without_team,
        "agency": AgencySettings.current(),
    }
