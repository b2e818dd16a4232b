"""What the client page shows. Each feature's section is a small function, listed in web/sections."""

from __future__ import annotations

from django.db.models import Prefetch

from alliance.records.access import reflections_visible_to
from alliance.records.models import (
    Alert,
    Contact,
    CulturalProfile,
    Goal,
    GoalRating,
    Reflection,
)
from alliance.web import alert_present, sections, status


def _contacts(client, user):
    visible_reflections = reflections_visible_to(user, Reflection.objects.all())
    return list(
        client.contacts.select_related("practitioner")
        .prefetch_related(Prefetch("reflections", queryset=visible_reflections, to_attr="visible_reflections"))
        .prefetch_related("analyses")
        .order_by("-starts_at")
    )


def _goals(client):
    return list(client.goals.prefetch_related(Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_on"), to_attr="rating_list")))


def _profile(client):
    return CulturalProfile.objects.filter(client=client).first()


def _open_alerts(client):
    """Open alerts in the one ordering (most urgent, then most recent, first), each with its age in words."""
    alerts = alert_present.ordered(Alert.objects.filter(client=client, resolved_at__isnull=True).select_related("acknowledged_by"))
    for alert in alerts:
        alert.age = alert_present.age(alert)
    return alerts


def client_page_context(request, client, can_write: bool) -> dict:
    context = {
        "client": client,
        "can_write": can_write,
        "contacts": _contacts(client, request.user),
        "goals": _goals(client),
        "profile": _profile(client),
        "alerts": _open_alerts(client),
        "attention": status.attention_for([client])[client.pk],  # the caseload's and team's rule
        "attendance": Contact.Attendance,
        "goal_status": Goal.Status,
    }
    for section in sections.CLIENT_SECTIONS:
        context.update(section.context(request, client, can_write))
    context["client_sections"] = [section.template for section in sections.CLIENT_SECTIONS]
    context["client_action_templates"] = [s.actions_template for s in sections.CLIENT_SECTIONS if s.actions_template]
    return context
