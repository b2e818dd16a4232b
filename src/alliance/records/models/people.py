import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models


class Team(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    SUPERVISOR = "supervisor", "Supervisor"
    ADMIN = "admin", "Administrator"
    LEARNER = "learner", "Learner (practice room only, no client records)"


class User(AbstractUser):
    """A person at the agency. Role and team decide what they may see (records.access)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    is_demo = models.BooleanField(default=False)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR

    @property
    def is_agency_admin(self) -> bool:
        return self.role == Role.ADMIN
