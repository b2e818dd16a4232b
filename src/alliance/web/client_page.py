"""What the client page shows. Each section is a small function so features can add their own."""

from __future__ import annotations

from django.db.models import Prefetch

from alliance.records.access import reflections_visible_to
from alliance.records.models import Alert, Contact, CulturalProfile, Goal, GoalRating, Reflection


def _contacts(client, user):
    visible_reflections = reflections_visible_to(user, Reflection.objects.all())
    return list(
        client.contacts.select_related("practitioner")
        .prefetch_related(Prefetch("reflections", queryset=visible_reflections, to_attr="visible_reflections"))
        .prefetch_related("analyses")
        .order_by("-starts_at")
    )


def _goals(client):
    return list(client.goals.prefetch_related(Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_on"))))


def _profile(client):
    return CulturalProfile.objects.filter(client=client).first()


SECTIONS = []  # extra context providers: functions (request, client, can_write) -> dict


def client_page_context(request, client, can_write: bool) -> dict:
    context = {
        "client": client,
        "can_write": can_write,
        "contacts": _contacts(client, request.user),
        "goals": _goals(client),
        "profile": _profile(client),
        "alerts": list(Alert.objects.filter(client=client, resolved_at__isnull=True)),
        "attendance": Contact.Attendance,
        "goal_status": Goal.Status,
    }
    for provider in SECTIONS:
        context.update(provider(request, client, can_write))
    return context
