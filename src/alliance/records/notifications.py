"""Email that reaches a person: urgent alerts (then escalation), daily digests, check-in links.

A ``Notification`` row is written in the same transaction as the reason for it (a new urgent
alert, a scheduled link), with a ``send_notification`` job; the jobs worker sends it with
Django's mail framework. A failed send is kept on the row (shown on the alert) and tried again
by ``tick``, which the worker runs about once a minute, along with escalation, reminders,
schedules and digests. Nothing is lost: a row stays ``queued`` or ``failed`` until it is sent.

Messages to staff carry no client name, answers or clinical detail: only that a client on a
caseload needs a response, and a link to the client's page. Logs carry ids and event names only.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from alliance.measures.escalation import WorkingHours
from alliance.records.models import (
    AgencySettings,
    Alert,
    CheckinLink,
    Client,
    Notification,
    NotificationPreference,
    Role,
    User,
)

logger = logging.getLogger("alliance.notifications")

MAX_SEND_ATTEMPTS = 6  # then the row stays 'failed', visible on the alert, and the log says so
ESCALATION_KINDS = (Notification.Kind.URGENT, Notification.Kind.SUPERVISORS, Notification.Kind.DUTY)


def base_url() -> str:
    return getattr(settings, "ALLIANCE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def working_hours(agency: AgencySettings | None = None) -> WorkingHours:
    agency = agency or AgencySettings.current()
    return WorkingHours(start=agency.workday_start_hour, end=agency.workday_end_hour)


def _queue(kind: str, *, now, alert: Alert | None = None, link: CheckinLink | None = None,
           recipient: User | None = None) -> Notification:
    # Imported late: the jobs module imports this one for its handlers.
    from alliance.records.jobs import enqueue

    notification = Notification.objects.create(kind=kind, alert=alert, link=link, recipient=recipient, created_at=now)
    enqueue("send_notification", {"notification": str(notification.pk)})
    logger.info("notification.queued id=%s kind=%s", notification.pk, kind)
    return notification


def notify_urgent(alert: Alert, now=None) -> Notification:
    """Tell the client's practitioner at once. Call inside the transaction that opened the alert."""
    practitioner = User.objects.filter(pk=alert.client.practitioner_id).first()
    return _queue(Notification.Kind.URGENT, now=now or timezone.now(), alert=alert, recipient=practitioner)


# --- sending ------------------------------------------------------------------------------------


def send_job(job) -> None:
    """The ``send_notification`` job: send one notification, recording the outcome on its row."""
    send(job.payload["notification"])


def send(notification_id, now=None) -> Notification:
    now = now or timezone.now()
    notification = Notification.objects.select_related("alert", "alert__client", "link", "link__client", "recipient").get(
        pk=notification_id
    )
    if notification.status == Notification.Status.SENT:
        return notification
    message = compose(notification)
    notification.attempts += 1
    notification.last_attempt_at = now
    if message is None:
        notification.status = Notification.Status.NO_ADDRESS
        notification.error = _no_address_reason(notification)
        notification.save(update_fields=["attempts", "last_attempt_at", "status", "error"])
        logger.warning("notification.no_address id=%s kind=%s", notification.pk, notification.kind)
        return notification
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any failure is kept on the row and retried by tick()
        notification.status = Notification.Status.FAILED
        notification.error = f"{type(exc).__name__} while sending (attempt {notification.attempts}); it will be tried again."
        notification.save(update_fields=["attempts", "last_attempt_at", "status", "error"])
        logger.warning("notification.failed id=%s kind=%s error=%s", notification.pk, notification.kind, type(exc).__name__)
        return notification
    notification.status = Notification.Status.SENT
    notification.sent_at = now
    notification.error = ""
    notification.save(update_fields=["attempts", "last_attempt_at", "status", "error", "sent_at"])
    if notification.link_id and notification.kind == Notification.Kind.CHECKIN_REMINDER:
        CheckinLink.objects.filter(pk=notification.link_id).update(reminded_at=now)
    logger.info("notification.sent id=%s kind=%s", notification.pk, notification.kind)
    return notification


def _no_address_reason(notification: Notification) -> str:
    if notification.kind == Notification.Kind.DUTY:
        return "No duty address is set in the agency settings."
    if notification.kind in (Notification.Kind.CHECKIN_LINK, Notification.Kind.CHECKIN_REMINDER):
        return "The client has no email address, or has not agreed to email."
    return "This person has no email address in Alliance."


def _address(notification: Notification) -> str:
    if notification.kind == Notification.Kind.DUTY:
        return AgencySettings.current().duty_email
    if notification.kind in (Notification.Kind.CHECKIN_LINK, Notification.Kind.CHECKIN_REMINDER):
        client = notification.link.client if notification.link else None
        schedule = getattr(client, "checkin_schedule", None) if client else None
        consented = bool(schedule and schedule.send_by_email and schedule.email_consent_at)
        return client.email if client and consented else ""
    return notification.recipient.email if notification.recipient and notification.recipient.is_active else ""


def compose(notification: Notification) -> EmailMessage | None:
    """The email for a notification, or None when there is nobody to send it to."""
    from alliance.records import notification_texts as texts

    address = _address(notification)
    if not address:
        return None
    subject, body = texts.render(notification, base_url())
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address])


# --- the worker's periodic tick ------------------------------------------------------------------


def tick(now=None) -> dict[str, int]:
    """Escalate, retry, remind, schedule and digest; returns how many of each it started."""
    now = now or timezone.now()
    done = {"escalated": escalate_due(now), "retried": retry_failed(now)}
    from alliance.records import checkin_schedule

    done.update(checkin_schedule.tick(now))
    done["digests"] = send_digests(now)
    if any(done.values()):
        logger.info("notifications.tick %s", " ".join(f"{k}={v}" for k, v in done.items()))
    return done


def escalation_state(alert: Alert, notifications=None) -> tuple[str | None, object]:
    """The highest level told so far ('practitioner', 'supervisors', 'duty' or None) and when."""
    rows = list(notifications if notifications is not None else alert.notifications.all())
    level, at = None, None
    for kind, name in ((Notification.Kind.URGENT, "practitioner"), (Notification.Kind.SUPERVISORS, "supervisors"),
                       (Notification.Kind.DUTY, "duty")):
        told = [n.created_at for n in rows if n.kind == kind]
        if told:
            level, at = name, min(told)
    return level, at


def escalation_due_at(alert: Alert, agency: AgencySettings | None = None):
    """When the next level is told if nobody acknowledges; None when nothing more will happen."""
    agency = agency or AgencySettings.current()
    level, at = escalation_state(alert)
    if alert.resolved_at or alert.acknowledged_at or level in (None, "duty"):
        return None
    local = timezone.localtime(at)
    return working_hours(agency).add(local, agency.escalation_working_hours)


def escalate_due(now) -> int:
    """Open, unacknowledged urgent alerts move one level up once their escalation time has passed."""
    agency = AgencySettings.current()
    hours = working_hours(agency)
    started = 0
    open_urgent = Alert.objects.filter(
        urgency=Alert.Urgency.URGENT, resolved_at__isnull=True, acknowledged_at__isnull=True,
        client__status=Client.Status.ACTIVE,
    ).only("pk")
    for candidate in open_urgent:
        with transaction.atomic():
            # Several workers may tick at once: lock the alert and decide on what is stored now.
            alert = Alert.objects.select_for_update(of=("self",)).select_related("client").filter(
                pk=candidate.pk, resolved_at__isnull=True, acknowledged_at__isnull=True
            ).first()
            if alert is None:
                continue
            level, at = escalation_state(alert, alert.notifications.all())
            if level is None:  # raised before notifications existed, or by an import: tell the practitioner now
                notify_urgent(alert, now)
                started += 1
                continue
            if level == "duty":
                continue
            # Nobody at this level can be reached (no address, or every try failed): move on at once.
            if not _unreachable(alert, level) and now < hours.add(timezone.localtime(at), agency.escalation_working_hours):
                continue
            if level == "practitioner":
                supervisors = list(User.objects.filter(team_id=alert.client.team_id, role=Role.SUPERVISOR, is_active=True))
                for supervisor in supervisors:
                    _queue(Notification.Kind.SUPERVISORS, now=now, alert=alert, recipient=supervisor)
                if not supervisors:
                    _queue(Notification.Kind.DUTY, now=now, alert=alert)
            else:
                _queue(Notification.Kind.DUTY, now=now, alert=alert)
            logger.info("alert.escalated alert=%s from=%s", alert.pk, level)
            started += 1
    return started


LEVEL_KINDS = {"practitioner": Notification.Kind.URGENT, "supervisors": Notification.Kind.SUPERVISORS}


def _unreachable(alert: Alert, level: str) -> bool:
    rows = [n for n in alert.notifications.all() if n.kind == LEVEL_KINDS.get(level)]
    return bool(rows) and all(
        n.status == Notification.Status.NO_ADDRESS
        or (n.status == Notification.Status.FAILED and n.attempts >= MAX_SEND_ATTEMPTS)
        for n in rows
    )


def retry_failed(now) -> int:
    """A failed send is tried again after 1, 2, 4, 8 … minutes, up to MAX_SEND_ATTEMPTS attempts."""
    from alliance.records.jobs import enqueue  # late, as in _queue

    retried = 0
    for notification in Notification.objects.filter(status=Notification.Status.FAILED, attempts__lt=MAX_SEND_ATTEMPTS):
        wait = timedelta(minutes=2 ** (notification.attempts - 1))
        if notification.last_attempt_at and notification.last_attempt_at + wait > now:
            continue
        with transaction.atomic():
            if Notification.objects.filter(pk=notification.pk, status=Notification.Status.FAILED).update(
                status=Notification.Status.QUEUED
            ):
                enqueue("send_notification", {"notification": str(notification.pk)})
                retried += 1
    return retried


def send_digests(now) -> int:
    """Once a day, after the working day starts, practitioners who asked get how many clients need attention."""
    agency = AgencySettings.current()
    local = timezone.localtime(now)
    if local.hour < agency.workday_start_hour or local.weekday() > 4:
        return 0
    sent = 0
    wanted = NotificationPreference.objects.filter(daily_digest=True, user__is_active=True).exclude(last_digest_on=local.date())
    for preference in wanted.select_related("user"):
        with transaction.atomic():
            # Claim today's digest with a conditional UPDATE, so two workers never both send it.
            claimed = NotificationPreference.objects.filter(pk=preference.pk, daily_digest=True).exclude(
                last_digest_on=local.date()
            ).update(last_digest_on=local.date())
            if claimed and digest_count(preference.user):
                _queue(Notification.Kind.DIGEST, now=now, recipient=preference.user)
                sent += 1
    return sent


def digest_count(user) -> int:
    return (
        Alert.objects.filter(
            client__practitioner=user, client__status=Client.Status.ACTIVE, resolved_at__isnull=True,
            urgency__in=(Alert.Urgency.URGENT, Alert.Urgency.ATTENTION),
        ).values("client").distinct().count()
    )
