"""Alerts as people read them: in the core's one order, with their age, who was told, and what was done."""

from __future__ import annotations

from django.utils import timezone

from alliance.measures.alerts import age_text, most_urgent_first
from alliance.records import notifications as notify
from alliance.records.models import AgencySettings, Alert, Notification, Role

KIND_WORDS = {
    "urgent": "Emailed {who}",
    "supervisors": "Not acknowledged in time: emailed {who}",
    "duty": "Still not acknowledged: emailed the agency's duty address",
}
NEXT_WORDS = {"practitioner": "the team's supervisors", "supervisors": "the agency's duty address"}


def alert_when(alert: Alert):
    """What 'most recent' means for an alert: the day of what it is about, else when it was raised."""
    return alert.occurred_on or alert.created_at


def ordered(alerts):
    """The one ordering (alliance.measures.alerts.most_urgent_first) applied to stored alerts."""
    return most_urgent_first(alerts, when=alert_when)


def age(alert: Alert, now=None) -> str:
    """'today', '3 days ago', '5 weeks ago' … counted from the event behind the alert."""
    now = timezone.localtime(now or timezone.now())
    when = alert.occurred_on or timezone.localtime(alert.created_at).date()
    return age_text(when, now)


def _time(moment) -> str:
    return timezone.localtime(moment).strftime("%-d %b %Y, %H:%M")


def notification_lines(alert: Alert) -> list[dict]:
    """One line per message Alliance sent (or tried to) about this alert, oldest first."""
    lines = []
    for n in alert.notifications.all():
        if n.kind not in KIND_WORDS:
            continue
        who = n.recipient.display_name if n.recipient else "the duty address"
        text = KIND_WORDS[n.kind].format(who=who)
        if n.status == Notification.Status.SENT:
            lines.append({"text": f"{text}, {_time(n.sent_at)}.", "problem": False})
        elif n.status == Notification.Status.QUEUED:
            lines.append({"text": f"{text}: waiting to be sent (queued {_time(n.created_at)}).", "problem": False})
        elif n.status == Notification.Status.FAILED:
            lines.append({"text": f"Sending failed ({who}): {n.error}", "problem": True})
        else:
            lines.append({"text": f"Not sent ({who}): {n.error}", "problem": True})
    return lines


def next_step(alert: Alert, agency: AgencySettings) -> str:
    if alert.urgency != Alert.Urgency.URGENT or alert.resolved_at or alert.acknowledged_at:
        return ""
    level, _ = notify.escalation_state(alert, alert.notifications.all())
    due = notify.escalation_due_at(alert, agency)
    if due is None or level not in NEXT_WORDS:
        return ""
    return f"If nobody acknowledges it by {_time(due)}, {NEXT_WORDS[level]} will be told."


def present(alerts, user, *, can_write: bool, now=None) -> list[dict]:
    """Cards for the client page, in the one order. Permissions are decided here, not in the template."""
    agency = AgencySettings.objects.filter(pk=1).first() or AgencySettings()  # read only: a page never writes it
    is_supervisor = getattr(user, "role", "") == Role.SUPERVISOR
    cards = []
    for alert in ordered(alerts):
        is_open = alert.resolved_at is None
        cards.append({
            "alert": alert,
            "age": age(alert, now),
            "sent": notification_lines(alert),
            "next_step": next_step(alert, agency),
            "notes": list(alert.notes.all()),
            "can_close": is_open and (can_write or (is_supervisor and agency.supervisors_may_close)),
            "can_acknowledge": is_open and (can_write or is_supervisor) and alert.acknowledged_at is None,
            "can_add_note": is_open and is_supervisor,
        })
    return cards
