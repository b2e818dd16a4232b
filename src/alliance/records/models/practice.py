"""The practice room's records: drill sets assigned to a team, and each learner's attempts.

Nothing here refers to a client. A learner's typed responses are theirs: only the learner
reads them, unless they share one (``shared``); supervisors see completion and group
trends, computed from codes and outcomes, never the text.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class PracticeAssignment(models.Model):
    """A set of drills and scenario questions that a supervisor or educator gives their team."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey("records.Team", on_delete=models.CASCADE, related_name="practice_assignments")
    title = models.CharField(max_length=120)
    drill_ids = models.JSONField(default=list, blank=True)
    scenario_ids = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def item_count(self) -> int:
        return len(self.drill_ids) + len(self.scenario_ids)


class PracticeAttempt(models.Model):
    """One response to a drill or one answer to a scenario question."""

    class Kind(models.TextChoices):
        DRILL = "drill", "Drill"
        SCENARIO = "scenario", "Scenario question"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item_id = models.CharField(max_length=60)
    assignment = models.ForeignKey(PracticeAssignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="attempts")
    task = models.CharField(max_length=30, blank=True)  # drills: the task; scenarios: ""
    principle = models.CharField(max_length=30, blank=True)  # scenarios: the principle tested
    response = models.TextField(blank=True, max_length=1000)  # drills: the typed response (private)
    claims = models.JSONField(default=list, blank=True)  # [[field, value], ...] asserted by the verdict
    outcome = models.CharField(max_length=10, blank=True)  # drills: met / other / unsure
    choice = models.CharField(max_length=1, blank=True)  # scenarios: the letter chosen
    correct = models.BooleanField(null=True)  # scenarios: whether it was the best option
    stage = models.CharField(max_length=40, blank=True)  # the verdict's stage name and coder
    shared = models.BooleanField(default=False)  # the learner chose to share this response with their supervisor
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["learner", "created_at"], name="practice_learner_time")]
