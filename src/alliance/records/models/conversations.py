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
    source_text = models.TextField(blank=True, help_text="Emptied once the agency's retention period has passed.")
    text_discarded = models.BooleanField(default=False)
    text_purged_at = models.DateTimeField(null=True, blank=True)
    speaker_choices = models.JSONField(
        default=dict, blank=True, help_text="Who is who as the practitioner chose it: {label: role or another label}.")
    roles_confirmed = models.BooleanField(
        default=True, help_text="Whether the practitioner confirmed who is who; only confirmed analyses count in trends.")
    excluded = models.BooleanField(default=False, help_text="Left out of the practitioner's trends at their request.")
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

    @property
    def counts(self) -> bool:
        """Whether this analysis counts in trends (docs/conversations.md, "Who is who")."""
        return self.status == self.Status.DONE and self.roles_confirmed and not self.excluded

    @classmethod
    def counted(cls):
        return cls.objects.filter(status=cls.Status.DONE, roles_confirmed=True, excluded=False)

