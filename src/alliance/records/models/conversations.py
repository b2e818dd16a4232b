import uuid

from django.conf import settings
from django.db import models


class ConversationAnalysis(models.Model):
    """A transcript of one contact, coded by the core. The text may be discarded after analysis."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        RUNNING = "running", "Analysing"
        DONE = "done", "Done"
        FAILED = "failed", "Could not be analysed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey("records.Contact", on_delete=models.CASCADE, related_name="analyses")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    original_name = models.CharField(max_length=200, blank=True)
    format = models.CharField(max_length=20, blank=True)
    practitioner_names = models.JSONField(default=list, blank=True)
    source_text = models.TextField(blank=True, help_text="Emptied after analysis unless the agency keeps transcripts.")
    text_discarded = models.BooleanField(default=False)
    result = models.JSONField(null=True, blank=True, help_text="Analysis.to_dict(), without text if discarded.")
    metrics = models.JSONField(null=True, blank=True)
    pipeline = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    progress = models.FloatField(default=0.0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

