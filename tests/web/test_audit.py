"""The audit trail is append-only and carries ids and event names, never client content."""

from __future__ import annotations

import logging

import pytest

from alliance.records import audit
from alliance.records.models import AuditEntry
from tests.web.helpers import signed_in


def test_an_entry_cannot_be_changed_once_written(personas):
    entry = audit.record(personas.practitioner, "view", personas.client, client_id=personas.client.pk)
    entry.action = "update"
    with pytest.raises(PermissionError, match="append-only"):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).action == "view"


def test_an_entry_cannot_be_deleted(personas):
    entry = audit.record(personas.practitioner, "view", personas.client, client_id=personas.client.pk)
    with pytest.raises(PermissionError, match="append-only"):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_bulk_updates_and_deletes_are_refused_too(personas):
    audit.record(personas.practitioner, "view", personas.client, client_id=personas.client.pk)
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.all().update(action="update")
    with pytest.raises(PermissionError, match="append-only"):
        AuditEntry.objects.filter(actor=personas.practitioner).delete()
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["view"]


def test_an_entry_records_who_did_what_to_which_record_and_how(personas):
    entry = audit.record(personas.supervisor, "view", personas.client, client_id=personas.client.pk, via="cli")
    assert (entry.actor, entry.action, entry.record_type, entry.record_id, entry.client_id, entry.via) == (
        personas.supervisor, "view", "client", str(personas.client.pk), personas.client.pk, "cli",
    )


def test_an_anonymous_actor_is_stored_as_nobody(personas):
    from django.contrib.auth.models import AnonymousUser

    entry = audit.record(AnonymousUser(), "create", personas.client, client_id=personas.client.pk, via="checkin-link")
    assert entry.actor is None


def test_the_log_line_carries_ids_and_never_the_clients_name(client, personas, caplog):
    with caplog.at_level(logging.INFO, logger="alliance.audit"):
        signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/")
    lines = [r.getMessage() for r in caplog.records if r.name == "alliance.audit"]
    assert lines == [f"audit action=view record=client:{personas.client.pk} client={personas.client.pk} actor={personas.practitioner.pk} via=web"]
    assert "Casey" not in caplog.text
