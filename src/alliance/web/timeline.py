"""A client's story in date order: contacts, check-ins, goal ratings, and the reflections the viewer may read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from alliance import measures
from alliance.errors import MeasureError
from alliance.measures.gas import LEVEL_NAMES, format_level
from alliance.records.access import reflections_visible_to
from alliance.records.models import AlertNote, CheckinResponse, Reflection
from alliance.web.pages.caseload import band_label

ENTRY_LIMIT = 200


@dataclass(frozen=True)
class Entry:
    when: datetime
    kind: str  # shown as a label: "Contact", "Check-in", "Goal rating", "Reflection"
    text: str
    url: str = ""

    @property
    def day(self) -> date:
        return timezone.localtime(self.when).date()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _instrument_name(instrument_id: str) -> str:
    try:
        return measures.get_instrument(instrument_id).name
    except MeasureError:
        return instrument_id


def _note_text(note: AlertNote) -> str:
    """'Urgent alert closed by Pat Practitioner: Contacted the client. “Called; safe; plan reviewed.”'"""
    done = "closed" if note.kind == AlertNote.Kind.CLOSED else "acknowledged"
    text = f"{note.alert.get_urgency_display()} alert {done} by {note.author.display_name}"
    if note.action:
        text += f": {note.get_action_display()}"
    if note.note:
        text += f". “{note.note}”"
    return text


def client_timeline(client, user, goals) -> list[Entry]:
    """Newest first, at most ENTRY_LIMIT entries. ``goals`` come with their ``rating_list``. Four queries."""
    entries: list[Entry] = []
    for contact in client.contacts.order_by("-starts_at")[:ENTRY_LIMIT]:
        status = contact.get_attendance_display().lower()
        entries.append(Entry(contact.starts_at, "Contact", f"{contact.get_mode_display()}, {status}", reverse("contact_detail", args=[contact.pk])))
    for response in CheckinResponse.objects.filter(client=client).order_by("-submitted_at")[:ENTRY_LIMIT]:
        total = "" if response.total is None else f": {response.total:g}"
        severity = f" ({band_label(response.instrument_id, response.severity)})" if response.severity else ""
        entries.append(Entry(response.submitted_at, "Check-in", f"{_instrument_name(response.instrument_id)}{total}{severity}"))
    reflections = reflections_visible_to(user, Reflection.objects.filter(contact__client=client)).select_related("author", "contact")
    for reflection in reflections.order_by("-created_at")[:ENTRY_LIMIT]:
        shared = ", shared with the supervisor" if reflection.shared_with_supervisor else ""
        # Placed at its contact: a reflection is about that session, whenever it was written.
        entries.append(Entry(
            reflection.contact.starts_at, "Reflection", f"By {reflection.author.display_name}{shared}", reverse("contact_detail", args=[reflection.contact_id]),
        ))
    notes = AlertNote.objects.filter(alert__client=client).select_related("author", "alert").order_by("-at")[:ENTRY_LIMIT]
    for note in notes:
        entries.append(Entry(note.at, "Alert follow-up", _note_text(note)))
    for goal in goals:
        for rating in goal.rating_list:
            entries.append(Entry(
                _at(rating.rated_on), "Goal rating", f"“{goal.text}” rated {format_level(rating.level)}, {LEVEL_NAMES[rating.level]}"
                + (f": “{goal.level_texts()[rating.level]}”" if goal.level_texts().get(rating.level) else ""),
            ))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:ENTRY_LIMIT]

