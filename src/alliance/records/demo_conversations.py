"""Demo data: analysed conversations for the demo practitioner's recent contacts.

The sessions in ``demo_sessions/`` are invented by the Alliance authors (never text from
the licensed datasets) and vary in practice quality on purpose: warm, reflective sessions
beside question-heavy and advice-giving ones, so the feedback, the relationship view and
the journal's evidence all have something to show. They are analysed at build time by
the same function the worker uses (about a tenth of a second each once the coder is loaded).
"""

from __future__ import annotations

from importlib import resources

from django.utils import timezone

from alliance.records.models import CheckinResponse, Client, Contact, ConversationAnalysis
from alliance.records.conversation_analysis import analyse

RELATIONSHIP_INSTRUMENT = "relationship-checkin"

PRACTITIONER = "demo-practitioner"
PRACTITIONER_NAMES = ["Alex", "Alex Rivera"]
# Grouped by how the practice in them goes, so a contact's conversation can match how the client
# said the relationship felt in that contact's check-in (when the check-ins demo has made one).
WARM = ("sleep_and_work_warm.txt", "loneliness_reflective.vtt")
MIXED = ("drinking_weekends_mixed.txt",)
HARDER = ("rent_arrears_questions.txt", "parenting_advice_heavy.txt")
SESSIONS = WARM + MIXED + HARDER
CLIENTS = 6
CONTACTS_PER_CLIENT = 2


def session_text(name: str) -> str:
    return resources.files("alliance.records.demo_sessions").joinpath(name).read_text(encoding="utf-8")


def extend(world) -> list[ConversationAnalysis]:
    practitioner = world.users.get(PRACTITIONER)
    if practitioner is None:
        return []
    clients = [c for c in world.clients if c.practitioner_id == practitioner.pk and c.status == Client.Status.ACTIVE]
    made = []
    turns = {WARM: 0, MIXED: 0, HARDER: 0}
    for client in clients[:CLIENTS]:
        attended = [c for c in world.contacts.get(client.pk, []) if c.attendance == Contact.Attendance.ATTENDED]
        for contact in sorted(attended, key=lambda c: c.starts_at)[-CONTACTS_PER_CLIENT:]:
            group = _group_for(contact, len(made))
            made.append(_analysed(contact, group[turns[group] % len(group)]))
            turns[group] += 1
    return made


def _group_for(contact: Contact, n: int) -> tuple[str, ...]:
    """Sessions that fit the client's relationship check-in for this contact; in turn when there is none."""
    felt = (
        CheckinResponse.objects.filter(contact=contact, instrument_id=RELATIONSHIP_INSTRUMENT, total__isnull=False)
        .values_list("total", flat=True).first()
    )
    if felt is None:
        return (WARM, MIXED, HARDER)[n % 3]
    # Demo check-ins sit between 2 and 3.5: the lower third gets the harder sessions.
    if felt < 3.1:
        return HARDER
    return WARM if felt >= 3.3 else MIXED


def _analysed(contact: Contact, name: str) -> ConversationAnalysis:
    if contact.recording_consent != Contact.Consent.YES:
        contact.recording_consent = Contact.Consent.YES
        contact.save(update_fields=["recording_consent"])
    text = session_text(name)
    analysis = ConversationAnalysis.objects.create(
        contact=contact, original_name=name, practitioner_names=PRACTITIONER_NAMES, source_text=text,
        created_by=contact.practitioner,
    )
    data = analyse(text, practitioner_names=PRACTITIONER_NAMES, format="", name=name)
    # The demo keeps the invented text so every page shows what the analysis rests on.
    ConversationAnalysis.objects.filter(pk=analysis.pk).update(
        status=ConversationAnalysis.Status.DONE, result=data, metrics=data.get("metrics"), pipeline=data.get("pipeline"),
        source_text="", progress=1.0, finished_at=timezone.now(),
    )
    analysis.refresh_from_db()
    return analysis
