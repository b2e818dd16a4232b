import uuid

from django.conf import settings
from django.db import models


class Contact(models.Model):
    """One session (contact) between a practitioner and a client."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        HOME_VISIT = "home_visit", "Home visit"

    class Attendance(models.TextChoices):
        ATTENDED = "attended", "Attended"
        MISSED = "missed", "Missed (no notice)"
        CANCELLED_BY_CLIENT = "cancelled_client", "Cancelled by the client"
        CANCELLED_BY_PRACTITIONER = "cancelled_practitioner", "Cancelled by the practitioner"
        PLANNED = "planned", "Planned"

    class Consent(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_ASKED = "not_asked", "Not asked"
        WITHDRAWN = "withdrawn", "Withdrawn (its transcripts and analyses are deleted)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey("records.Client", on_delete=models.CASCADE, related_name="contacts")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField(default=50)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    attendance = models.CharField(max_length=30, choices=Attendance.choices, default=Attendance.ATTENDED)
    note = models.TextField(blank=True, max_length=2000)
    recording_consent = models.CharField(
        max_length=10,
        choices=Consent.choices,
        default=Consent.NOT_ASKED,
        help_text="The client's consent to recording and transcript analysis for this contact.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["client", "starts_at"])]

    @property
    def missed(self) -> bool:
        return self.attendance in (self.Attendance.MISSED, self.Attendance.CANCELLED_BY_CLIENT)


class Reflection(models.Model):
    """A practitioner's private reflection after a contact; shared with their supervisor only if they choose."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reflections")
    listened_fully = models.TextField(blank=True)
    responded_empathetically = models.TextField(blank=True)
    learned_what_matters = models.TextField(blank=True)
    try_differently = models.TextField(blank=True)
    note = models.TextField(blank=True)
    shared_with_supervisor = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
