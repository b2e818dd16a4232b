"""How long transcript text is kept, and what removes an analysis (docs/conversations.md, "Keeping and removing").

The text of a transcript stays with its analysis for the agency's retention period
(``AgencySettings.transcript_retention_days``, default 90) so the turns and the feedback's
quotes can be read; then the worker removes it, and the speakers' names with it, and writes
an audit entry. Codes, metrics and feedback without quotes stay. With 0 days the text goes as soon as the practitioner
has confirmed who is who (or after a day if nobody does). A practitioner can delete an
analysis; a client's withdrawn consent deletes every analysis of that contact.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alliance.analysis import without_text
from alliance.records import audit
from alliance.records.models import AgencySettings, Contact, ConversationAnalysis

logger = logging.getLogger("alliance.records")

# With no retention, an analysis nobody has confirmed keeps its text this long for the "who is who" step.
UNCONFIRMED_GRACE = timedelta(days=1)


def retention_days() -> int:
    return AgencySettings.current().transcript_retention_days


def _kept_for(days: int, confirmed: bool) -> timedelta:
    """The one retention rule: how long after its analysis a transcript's text stays."""
    return UNCONFIRMED_GRACE if days == 0 and not confirmed else timedelta(days=days)


def text_removed_on(analysis: ConversationAnalysis, days: int | None = None):
    """When the worker will remove this analysis's text (None: already gone, or not finished)."""
    if analysis.text_discarded or analysis.finished_at is None:
        return None
    days = retention_days() if days is None else days
    return analysis.finished_at + _kept_for(days, analysis.roles_confirmed)


def due_for_purge(now=None, days: int | None = None):
    """Finished analyses whose text has been kept as long as the agency allows."""
    now = now or timezone.now()
    days = retention_days() if days is None else days
    done = ConversationAnalysis.objects.filter(status=ConversationAnalysis.Status.DONE, text_discarded=False)
    return done.filter(
        Q(roles_confirmed=True, finished_at__lte=now - _kept_for(days, True))
        | Q(roles_confirmed=False, finished_at__lte=now - _kept_for(days, False))
    )


def remove_text_if_due(analysis: ConversationAnalysis, *, actor=None) -> None:
    """Remove this analysis's text now if the retention rule says so (with no retention: once confirmed)."""
    if due_for_purge().filter(pk=analysis.pk).exists():
        remove_text(analysis, actor=actor)


def remove_text(analysis: ConversationAnalysis, *, actor=None, now=None) -> None:
    """Empty the text and the quotes of one analysis, keeping its codes and numbers; audited."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = ConversationAnalysis.objects.select_for_update().select_related("contact").get(pk=analysis.pk)
        if locked.text_discarded:
            return
        locked.result = without_text(locked.result or {})
        locked.source_text = ""
        locked.speaker_choices = {}  # they name the speakers, and nothing can be analysed again
        locked.text_discarded = True
        locked.text_purged_at = now
        locked.save(update_fields=["result", "source_text", "speaker_choices", "text_discarded", "text_purged_at"])
        audit.record(actor, "purge", locked, client_id=locked.contact.client_id, via="web" if actor else "worker")


def purge_expired(now=None) -> int:
    """Remove the text of every analysis past the retention period (run by the worker); returns how many."""
    removed = 0
    for analysis in due_for_purge(now).only("pk"):
        remove_text(analysis, now=now)
        removed += 1
    if removed:
        logger.info("transcript text removed count=%s", removed)
    return removed


def delete_analysis(analysis: ConversationAnalysis, actor, *, via: str = "web") -> None:
    """Delete an analysis and its text, leaving only the audit entry."""
    with transaction.atomic():
        client_id = analysis.contact.client_id
        audit.record(actor, "delete", analysis, client_id=client_id, via=via)
        analysis.delete()


def withdraw_consent(contact: Contact, actor, *, via: str = "web") -> int:
    """Record that the client withdrew consent: every analysis of the contact (and its text) is deleted."""
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        analyses = list(ConversationAnalysis.objects.filter(contact=contact).select_related("contact"))
        for analysis in analyses:
            delete_analysis(analysis, actor, via=via)
        if contact.recording_consent != Contact.Consent.WITHDRAWN:
            contact.recording_consent = Contact.Consent.WITHDRAWN
            contact.save(update_fields=["recording_consent", "updated_at"])
            audit.record(actor, "update", contact, client_id=contact.client_id, via=via)
    return len(analyses)
