from django.conf import settings
from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes would bypass the model's save/delete guard, so they are refused here too."""

    def update(self, **kwargs):
        raise PermissionError("Audit entries are append-only.")

    def delete(self):
        raise PermissionError("Audit entries are append-only.")


class AuditEntry(models.Model):
    """Who did what to which record, when. Append-only; holds ids and event names, never client content."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"
        DENIED = "denied", "Refused access"
        PURGE = "purge", "Transcript text removed (retention)"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField(max_length=10, choices=Action.choices)
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=64)
    client_id = models.UUIDField(null=True, blank=True, db_index=True)
    via = models.CharField(max_length=40, blank=True, help_text="web, cli, checkin-link, worker …")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are append-only.")


class LoginFailure(models.Model):
    """One failed login (or a check-in link that opened nothing), kept for throttling across processes."""

    class Kind(models.TextChoices):
        LOGIN = "login", "Sign-in"
        CHECKIN = "checkin", "Check-in link"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LOGIN)
    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, blank=True, db_index=True)
