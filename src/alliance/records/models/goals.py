import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Goal(models.Model):
    """A goal in the client's own words, with goal-attainment-scaling levels written together."""

    class ProposedBy(models.TextChoices):
        CLIENT = "client", "The client"
        PRACTITIONER = "practitioner", "The practitioner"
        TOGETHER = "together", "Together"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ACHIEVED = "achieved", "Achieved"
        PAUSED = "paused", "Paused"
        STOPPED = "stopped", "No longer a goal"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey("records.Client", on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(help_text="The goal as the client said it.")
    proposed_by = models.CharField(max_length=20, choices=ProposedBy.choices, default=ProposedBy.CLIENT)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    # Goal attainment scaling: what each level (-2 … +2) looks like, in the client's words.
    level_minus_2 = models.CharField(max_length=300, blank=True)
    level_minus_1 = models.CharField(max_length=300, blank=True)
    level_0 = models.CharField(max_length=300, blank=True)
    level_plus_1 = models.CharField(max_length=300, blank=True)
    level_plus_2 = models.CharField(max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(10)])
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["created_at"]

    def level_texts(self) -> dict[int, str]:
        return {
            -2: self.level_minus_2,
            -1: self.level_minus_1,
            0: self.level_0,
            1: self.level_plus_1,
            2: self.level_plus_2,
        }


class GoalRating(models.Model):
    """Where the client and practitioner agree the goal stands, on the GAS scale, at one date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    contact = models.ForeignKey("records.Contact", null=True, blank=True, on_delete=models.SET_NULL)
    rated_on = models.DateField()
    level = models.SmallIntegerField(validators=[MinValueValidator(-2), MaxValueValidator(2)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["rated_on"]
        constraints = [models.CheckConstraint(condition=models.Q(level__gte=-2, level__lte=2), name="gas_level_range")]
