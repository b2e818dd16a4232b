"""Write the append-only audit trail. Entries carry ids and event names only."""

from __future__ import annotations

import logging

from alliance.records.models import AuditEntry

logger = logging.getLogger("alliance.audit")


def record(actor, action: str, obj=None, *, record_type: str | None = None, record_id=None, client_id=None, via: str = "web"):
    """Append one entry: who (actor), did what (action) to which record (obj or type + id)."""
    if obj is not None:
        record_type = record_type or obj._meta.model_name
        record_id = record_id or obj.pk
    entry = AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        record_type=record_type or "",
        record_id=str(record_id or ""),
        client_id=client_id,
        via=via,
    )
    logger.info(
        "audit action=%s record=%s:%s client=%s actor=%s via=%s",
        action,
        record_type,
        record_id,
        client_id,
        getattr(actor, "pk", None),
        via,
    )
    return entry
