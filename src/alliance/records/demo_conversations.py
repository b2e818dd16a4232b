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

from alliance.records.conversation_analysis import analyze_text
from alliance.records.demo import GOALS
from alliance.records.models import Client, Contact, ConversationAnalysis

PRACTITIONER = "demo-practitioner"
PRACTITIONER_NAMES = ["Alex", "Alex Rivera"]
# How the practice in each session goes (warm and reflective, mixed, or question- and advice-heavy).
WARM = ("sleep_and_work_warm.txt", "loneliness_reflective.vtt")
MIXED = ("drinking_weekends_mixed.txt",)
HARDER = ("rent_arrears_questions.txt", "parenting_advice_heavy.txt")
SESSIONS = WARM + MIXED + HARDER
# Whose session each one is, by the client's goal (demo.GOALS, in the same order as demo.STORIES),
# so a client's record only holds a conversation about their own life. The job goal has none.
SESSION_FOR_GOAL = {
    GOALS[0][0]: "sleep_and_work_warm.txt",  # a mother, awake at three, worried about work
    GOALS[1][0]: "parenting_advice_heavy.txt",  # a mother and her teenage daughter
    GOALS[2][0]: "drinking_weekends_mixed.txt",  # a dad whose daughter noticed the drinking
    GOALS[4][0]: "loneliness_reflective.vtt",  # a widower
    GOALS[5][0]: "rent_arrears_questions.txt",  # a mother facing eviction
}
CLIENTS = 8
CONTACTS_PER_CLIENT = 1  # one invented conversation per story: never the same one twice on a record


def session_text(name: str) -> str:
    return resources.files("alliance.records.demo_sessions").joinpath(name).read_text(encoding="utf-8")


def session_for(client: Client) -> str | None:
    """The invented session that fits this client's story (by their first goal); None when none does."""
    goal = client.goals.order_by("created_at").values_list("text", flat=True).first()
    return SESSION_FOR_GOAL.get(goal or "")


def extend(world) -> list[ConversationAnalysis]:
    practitioner = world.users.get(PRACTITIONER)
    if practitioner is None:
        return []
    clients = [c for c in world.clients if c.practitioner_id == practitioner.pk and c.status == Client.Status.ACTIVE]
    made = []
    for client in clients:
        name = session_for(client)
        if name is None:
            continue
        attended = [c for c in world.contacts.get(client.pk, []) if c.attendance == Contact.Attendance.ATTENDED]
        for contact in sorted(attended, key=lambda c: c.starts_at)[-CONTACTS_PER_CLIENT:]:
            made.append(_analyzed(contact, name))
        if len({a.contact.client_id for a in made}) >= CLIENTS:
            break
    return made


def _analyzed(contact: Contact, name: str) -> ConversationAnalysis:
    if contact.recording_consent != Contact.Consent.YES:
        contact.recording_consent = Contact.Consent.YES
        contact.save(update_fields=["recording_consent"])
    text = session_text(name)
    analysis = ConversationAnalysis.objects.create(
        contact=contact, original_name=name, practitioner_names=PRACTITIONER_NAMES, source_text=text,
        created_by=contact.practitioner,
    )
    data = analyze_text(text, practitioner_names=PRACTITIONER_NAMES, format="", name=name)
    # The demo keeps the invented text so every page shows what the analysis rests on.
    ConversationAnalysis.objects.filter(pk=analysis.pk).update(
        status=ConversationAnalysis.Status.DONE, result=data, metrics=data.get("metrics"), pipeline=data.get("pipeline"),
        source_text="", progress=1.0, finished_at=timezone.now(),
    )
    analysis.refresh_from_db()
    return analysis
