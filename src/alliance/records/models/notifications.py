import uuid

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """One email Alliance means to send: who to, why, and whether it went. Sent by the jobs worker.

    It holds no client name, answers or clinical detail: the message is built when it is sent,
    from the kind and a link.
    """

    class Kind(models.TextChoices):
        URGENT = "urgent", "Urgent alert, to the practitioner"
        SUPERVISORS = "supervisors", "Urgent alert not acknowledged, to a supervisor"
        DUTY = "duty", "Urgent alert not acknowledged, to the duty address"
        DIGEST = "digest", "Daily digest"
        CHECKIN_LINK = "checkin_link", "Check-in link, to the client"
        CHECKIN_REMINDER = "checkin_reminder", "Check-in reminder, to the client"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Sending failed"
        NO_ADDRESS = "no_address", "No email address"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    alert = models.ForeignKey("records.Alert", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    link = models.ForeignKey("records.CheckinLink", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "kind"])]


class NotificationPreference(models.Model):
    """A staff member's choices about email beyond urgent alerts (which always go)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="notification_preference")
    daily_digest = models.BooleanField(default=False, help_text="One email a day listing how many clients need attention.")
    last_digest_on = models.DateField(null=True, blank=True)
