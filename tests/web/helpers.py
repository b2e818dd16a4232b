"""Small helpers the view tests share: sign a persona in, read the audit trail."""

from __future__ import annotations

import uuid

from alliance.records.models import AuditEntry

# Ids that must answer 404 whoever asks: not a UUID at all, and a UUID of nothing.
BAD_IDS = ("not-a-uuid", str(uuid.uuid4()))


def signed_in(django_client, user):
    django_client.force_login(user)
    return django_client


def audit_trail(user, **filters) -> list[tuple[str, str]]:
    """(action, record_type) of the entries this user caused, oldest first."""
    entries = AuditEntry.objects.filter(actor=user, **filters).order_by("at", "id")
    return [(entry.action, entry.record_type) for entry in entries]


def visible_text(response) -> str:
    return response.content.decode()
