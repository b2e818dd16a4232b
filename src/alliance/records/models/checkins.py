import uuid

from django.conf import settings
from django.db import models


class CheckinLink(models.Model):
    """A single-use link a client opens to answer a check-in. Only the token's hash is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    client = models.ForeignKey("records.Client", on_delete=models.CASCADE, related_name="checkin_links")
    contact = models.ForeignKey("records.Contact", null=True, blank=True, on_delete=models.SET_NULL)
    instruments = models.JSONField(default=list)
    language = models.CharField(max_length=8, default="en")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class CheckinResponse(models.Model):
    """The client's answers to one instrument, scored at submission."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey("records.Client", on_delete=models.CASCADE, related_name="checkins")
    contact = models.ForeignKey("records.Contact", null=True, blank=True, on_delete=models.SET_NULL)
    link = models.ForeignKey(CheckinLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses")
    instrument_id = models.CharField(max_length=60)
    language = models.CharField(max_length=8, default="en")
    submitted_at = models.DateTimeField()
    total = models.FloatField(null=True, blank=True)
    severity = models.CharField(max_length=40, blank=True)
    score = models.JSONField(default=dict, help_text="The core's scoring result (Score.to_dict()).")

    class Meta:
        ordering = ["submitted_at"]
        indexes = [models.Index(fields=["client", "instrument_id", "submitted_at"])]
        constraints = [
            # A link answers each instrument once: a double submit cannot store twice.
            models.UniqueConstraint(fields=["link", "instrument_id"], name="one_response_per_link_instrument"),
        ]


class CheckinAnswer(models.Model):
    response = models.ForeignKey(CheckinResponse, on_delete=models.CASCADE, related_name="answers")
    item_index = models.PositiveSmallIntegerField()
    value = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["item_index"]
        constraints = [models.UniqueConstraint(fields=["response", "item_index"], name="one_answer_per_item")]


class Alert(models.Model):
    """Something about a client that deserves the practitioner's attention, with the evidence behind it."""

    class Urgency(models.TextChoices):
        URGENT = "urgent", "Urgent"
        ATTENTION = "attention", "Needs attention"
        INFO = "info", "For information"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey("records.Client", on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=40)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ATTENTION)
    message = models.TextField()
    evidence = models.JSONField(default=dict)
    # Same kind + key is the same alert: recomputing never duplicates it.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["client", "kind", "key"], name="one_alert_per_key")]
