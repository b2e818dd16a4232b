"""One access helper per record type (docs/architecture.md).

Each returns the record and whether the user may change it, answers 404 to anyone
who may not see it (so strangers learn nothing, not even that it exists) and 403 to
a read-only user asking to write, and writes the audit entry.

Who sees what:
- a practitioner sees and changes the clients assigned to them;
- a supervisor sees every client of their own team (read-only unless assigned);
- nobody sees another team's clients; administrators manage accounts, not caseloads.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alliance.records import audit
from alliance.records.models import (
    Client,
    Contact,
    ConversationAnalysis,
    Goal,
    Reflection,
    Role,
)


def visible_clients(user):
    """The clients this user may see, as a queryset."""
    if not user.is_authenticated or not user.is_active:
        return Client.objects.none()
    if user.role == Role.SUPERVISOR and user.team_id:
        return Client.objects.filter(team_id=user.team_id)
    if user.role == Role.PRACTITIONER:
        return Client.objects.filter(practitioner=user)
    return Client.objects.none()


def can_write_client(user, client) -> bool:
    return user.is_authenticated and client.practitioner_id == user.pk


def parse_uuid(value) -> uuid.UUID | None:
    """The one reading of a record id from a URL or a command line: a UUID, or None when it is not one."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def uuid_or_404(value, message: str = "No such record.") -> uuid.UUID:
    """``parse_uuid``, answering 404 to anything that is not a UUID (a bad id is just another missing record)."""
    pk = parse_uuid(value)
    if pk is None:
        raise Http404(message)
    return pk


def _check(user, client, *, write: bool, record_type: str, record_id, action: str | None, via: str):
    if client is None:
        raise Http404("No such record.")
    if not visible_clients(user).filter(pk=client.pk).exists():
        audit.record(user, "denied", record_type=record_type, record_id=record_id, client_id=client.pk, via=via)
        raise Http404("No such record.")
    can_write = can_write_client(user, client)
    if write and not can_write:
        audit.record(user, "denied", record_type=record_type, record_id=record_id, client_id=client.pk, via=via)
        raise PermissionDenied("You can see this record but not change it.")
    if action:
        audit.record(user, action, record_type=record_type, record_id=record_id, client_id=client.pk, via=via)
    return can_write


def get_client_for_user(user, client_id, *, write: bool = False, action: str | None = "view", via: str = "web"):
    """Return ``(client, can_write)``; 404 for strangers or bad ids, 403 for read-only writes."""
    pk = uuid_or_404(client_id)
    client = Client.objects.select_related("practitioner", "team").filter(pk=pk).first()
    can_write = _check(user, client, write=write, record_type="client", record_id=pk, action=action, via=via)
    return client, can_write


def get_contact_for_user(user, contact_id, *, write: bool = False, action: str | None = "view", via: str = "web"):
    pk = uuid_or_404(contact_id)
    contact = Contact.objects.select_related("client", "client__practitioner", "practitioner").filter(pk=pk).first()
    client = contact.client if contact else None
    can_write = _check(user, client, write=write, record_type="contact", record_id=pk, action=action, via=via)
    return contact, can_write


def get_goal_for_user(user, goal_id, *, write: bool = False, action: str | None = "view", via: str = "web"):
    pk = uuid_or_404(goal_id)
    goal = Goal.objects.select_related("client").filter(pk=pk).first()
    client = goal.client if goal else None
    can_write = _check(user, client, write=write, record_type="goal", record_id=pk, action=action, via=via)
    return goal, can_write


def get_analysis_for_user(user, analysis_id, *, write: bool = False, action: str | None = "view", via: str = "web"):
    pk = uuid_or_404(analysis_id)
    analysis = ConversationAnalysis.objects.select_related("contact", "contact__client").filter(pk=pk).first()
    client = analysis.contact.client if analysis else None
    can_write = _check(user, client, write=write, record_type="conversationanalysis", record_id=pk, action=action, via=via)
    return analysis, can_write


def reflections_visible_to(user, queryset=None):
    """Reflections are private: the author sees theirs; a supervisor sees those shared with them."""
    qs = queryset if queryset is not None else Reflection.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.SUPERVISOR and user.team_id:
        from django.db.models import Q

        return qs.filter(Q(author=user) | Q(shared_with_supervisor=True, contact__client__team_id=user.team_id))
    return qs.filter(author=user)


def get_reflection_for_user(user, reflection_id, *, write: bool = False, action: str | None = "view", via: str = "web"):
    """Only the author may change a reflection; a supervisor may read it if it was shared with them."""
    pk = uuid_or_404(reflection_id)
    reflection = Reflection.objects.select_related("contact", "contact__client").filter(pk=pk).first()
    if reflection is None or not reflections_visible_to(user, Reflection.objects.filter(pk=pk)).exists():
        if reflection is not None:
            audit.record(user, "denied", reflection, client_id=reflection.contact.client_id, via=via)
        raise Http404("No such record.")
    can_write = reflection.author_id == user.pk
    if write and not can_write:
        audit.record(user, "denied", reflection, client_id=reflection.contact.client_id, via=via)
        raise PermissionDenied("Only the author can change a reflection.")
    if action:
        audit.record(user, action, reflection, client_id=reflection.contact.client_id, via=via)
    return reflection, can_write
