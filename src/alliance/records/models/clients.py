import uuid

from django.conf import settings
from django.db import models


class Client(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    preferred_language = models.CharField(
        max_length=8, default="en", choices=settings.LANGUAGES, help_text="Used for check-in links."
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clients"
    )
    team = models.ForeignKey("records.Team", on_delete=models.PROTECT, related_name="clients")
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    share_progress = models.BooleanField(
        default=False, help_text="Show the client their own check-in progress after each check-in."
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["team", "status"]), models.Index(fields=["practitioner", "status"])]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.name

    @property
    def first_name(self) -> str:
        return (self.preferred_name or self.name).split()[0]


class CulturalProfile(models.Model):
    """What the client wants their practitioner to know about them, in their own terms."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="cultural_profile", primary_key=True)
    what_matters = models.TextField(blank=True)
    values_and_beliefs = models.TextField(blank=True)
    language_needs = models.TextField(blank=True)
    interpreter_needed = models.BooleanField(default=False)
    interpreter_language = models.CharField(max_length=60, blank=True)
    community_and_family = models.TextField(blank=True)
    past_help_seeking = models.TextField(blank=True)
    ways_of_working = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
