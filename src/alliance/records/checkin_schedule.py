"""Check-ins on a schedule: a link after each attended contact, or every N days; emailed or listed.

A link is emailed to the client only where the client agreed to email (who recorded that, and
when, is kept on the schedule) and has an address; otherwise it waits on the client's page for
the practitioner to pass on. One reminder is emailed after ``checkin_reminder_days``.
Run by the worker's periodic ``alliance.records.notifications.tick``.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from alliance.records.checkin_service import DEFAULT_INSTRUMENTS, create_link
from alliance.records.models import (
    AgencySettings,
    CheckinLink,
    CheckinSchedule,
    Client,
    Contact,
    Notification,
)

logger = logging.getLogger("alliance.checkins")


def may_email(schedule: CheckinSchedule | None) -> bool:
    return bool(schedule and schedule.send_by_email and schedule.email_consent_at and schedule.client.email)


def save_schedule(client: Client, user, *, mode: str, every_days: int, instruments, send_by_email: bool,
                  consent: bool, now=None) -> CheckinSchedule:
    """Store the practitioner's choice; email consent is recorded with who and when (and withdrawn with it)."""
    now = now or timezone.now()
    schedule, _ = CheckinSchedule.objects.get_or_create(client=client)
    changed_mode = schedule.mode != mode or schedule.every_days != every_days
    schedule.mode, schedule.every_days = mode, every_days
    schedule.instruments = list(instruments) or list(DEFAULT_INSTRUMENTS)
    if consent and schedule.email_consent_at is None:
        schedule.email_consent_at, schedule.email_consent_by = now, user
    elif not consent:
        schedule.email_consent_at, schedule.email_consent_by = None, None
    schedule.send_by_email = bool(send_by_email and schedule.email_consent_at)
    if changed_mode:
        # every_days: the first link now; after_contact: links for contacts from now on.
        schedule.next_due_at = now if mode != CheckinSchedule.Mode.OFF else None
    schedule.updated_by = user
    schedule.save()
    return schedule


def issue(schedule: CheckinSchedule, *, contact: Contact | None, now) -> CheckinLink:
    """One scheduled link, emailed where the client agreed to it."""
    from alliance.records.notifications import _queue

    link, _ = create_link(
        schedule.client, created_by=schedule.updated_by, instruments=schedule.instruments or DEFAULT_INSTRUMENTS,
        contact=contact, now=now, scheduled=True,
    )
    if may_email(schedule):
        _queue(Notification.Kind.CHECKIN_LINK, now=now, link=link)
    return link


def tick(now=None) -> dict[str, int]:
    now = now or timezone.now()
    made = 0
    schedules = CheckinSchedule.objects.exclude(mode=CheckinSchedule.Mode.OFF).filter(
        client__status=Client.Status.ACTIVE, next_due_at__isnull=False
    )
    for candidate in schedules.only("pk"):
        with transaction.atomic():
            # Several workers may tick at once: lock the schedule and decide on what is stored now.
            schedule = CheckinSchedule.objects.select_for_update(of=("self",)).select_related("client", "updated_by").filter(
                pk=candidate.pk
            ).exclude(mode=CheckinSchedule.Mode.OFF).first()
            if schedule is None or schedule.next_due_at is None:
                continue
            if schedule.mode == CheckinSchedule.Mode.EVERY_DAYS:
                if schedule.next_due_at <= now:
                    issue(schedule, contact=None, now=now)
                    schedule.next_due_at = now + timedelta(days=schedule.every_days)
                    schedule.save(update_fields=["next_due_at"])
                    made += 1
            else:
                contacts = Contact.objects.filter(
                    client=schedule.client, attendance=Contact.Attendance.ATTENDED,
                    starts_at__gte=schedule.next_due_at, starts_at__lte=now,
                ).exclude(pk__in=CheckinLink.objects.filter(contact__isnull=False, client=schedule.client).values("contact"))
                for contact in contacts.order_by("starts_at"):
                    issue(schedule, contact=contact, now=now)
                    made += 1
    return {"scheduled": made, "reminders": remind(now)}


def remind(now) -> int:
    """One reminder per emailed link still unanswered after the agency's reminder days."""
    from alliance.records.notifications import _queue

    days = AgencySettings.current().checkin_reminder_days
    if not days:
        return 0
    due = CheckinLink.objects.filter(
        used_at__isnull=True, expires_at__gt=now, reminded_at__isnull=True, created_at__lte=now - timedelta(days=days),
        notifications__kind=Notification.Kind.CHECKIN_LINK, notifications__status=Notification.Status.SENT,
    ).exclude(notifications__kind=Notification.Kind.CHECKIN_REMINDER).distinct()
    count = 0
    for candidate in due.only("pk"):
        with transaction.atomic():
            link = CheckinLink.objects.select_for_update(of=("self",)).filter(pk=candidate.pk, reminded_at__isnull=True).first()
            if link is None or link.notifications.filter(kind=Notification.Kind.CHECKIN_REMINDER).exists():
                continue
            _queue(Notification.Kind.CHECKIN_REMINDER, now=now, link=link)
            count += 1
    return count
