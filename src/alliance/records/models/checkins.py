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
    # Answers so far, kept so a client who closes the page halfway can carry on (cleared on submit).
    draft = models.JSONField(default=dict, blank=True)
    scheduled = models.BooleanField(default=False, help_text="Made by the client's check-in schedule.")
    reminded_at = models.DateTimeField(null=True, blank=True)

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
    # The day of what the alert is about (the answer, the last missed contact): its age is counted from here.
    occurred_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # The first person who said they are on it (practitioner or supervisor): escalation stops there.
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["client", "kind", "key"], name="one_alert_per_key")]


class AlertNote(models.Model):
    """What a person did about an alert: closing it (with what was done) or acknowledging it."""

    class Kind(models.TextChoices):
        CLOSED = "closed", "Closed"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"

    class Action(models.TextChoices):
        CONTACTED = "contacted", "Contacted the client"
        SAFETY_PLAN = "safety_plan", "Safety plan reviewed"
        REFERRED = "referred", "Referred"
        NOT_REACHED = "not_reached", "Could not reach the client"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=20, choices=Action.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at"]


class CheckinSchedule(models.Model):
    """When a client's check-in links are made, and how they reach the client."""

    class Mode(models.TextChoices):
        OFF = "off", "No schedule"
        AFTER_CONTACT = "after_contact", "After each attended contact"
        EVERY_DAYS = "every_days", "Every few days"

    client = models.OneToOneField("records.Client", on_delete=models.CASCADE, primary_key=True, related_name="checkin_schedule")
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.OFF)
    every_days = models.PositiveSmallIntegerField(default=14)
    instruments = models.JSONField(default=list)
    # Email only where the client agreed to it; who recorded the agreement, and when, is kept.
    send_by_email = models.BooleanField(default=False)
    email_consent_at = models.DateTimeField(null=True, blank=True)
    email_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_due_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
