"""A client's check-in links as the practitioner sees them: waiting (with a copy button) and expired."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from alliance.measures.alerts import age_text
from alliance.records.checkin_service import hash_token, link_token
from alliance.records.models import CheckinLink, CheckinSchedule, Notification

EXPIRED_SHOWN = 10


def _how_sent(link: CheckinLink) -> str:
    sent = [n for n in link.notifications.all() if n.kind == Notification.Kind.CHECKIN_LINK]
    if not sent:
        return "To pass on to the client"
    n = sent[-1]
    if n.status == Notification.Status.SENT:
        return f"Emailed to the client {timezone.localtime(n.sent_at):%-d %b}" + (
            f", reminded {timezone.localtime(link.reminded_at):%-d %b}" if link.reminded_at else ""
        )
    if n.status == Notification.Status.QUEUED:
        return "Being emailed to the client"
    return f"Email not sent: {n.error}"


def links_context(request, client, can_write: bool, now=None) -> dict:
    now = now or timezone.now()
    unused = list(
        CheckinLink.objects.filter(client=client, used_at__isnull=True).prefetch_related("notifications").order_by("-created_at")
    )
    waiting, expired = [], []
    for link in unused:
        entry = {
            "link": link,
            "how": _how_sent(link),
            "made": age_text(timezone.localtime(link.created_at), timezone.localtime(now)),
            "url": "",
        }
        if link.expires_at > now:
            # Only the practitioner who may write sees the link itself; older links (random tokens) cannot be shown again.
            if can_write and hash_token(link_token(link.pk)) == link.token_hash:
                entry["url"] = request.build_absolute_uri(reverse("checkin", args=[link_token(link.pk)]))
            waiting.append(entry)
        elif len(expired) < EXPIRED_SHOWN:
            expired.append(entry)
    schedule = CheckinSchedule.objects.filter(client=client).first()
    return {"checkin_waiting": waiting, "checkin_expired": expired, "checkin_schedule": schedule}
