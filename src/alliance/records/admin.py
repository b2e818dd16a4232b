"""Django's admin, for administrators only: accounts, teams and agency settings — never client records.

- Delete confirmations list only accounts and teams; anything tied to clients is counted, never named.
- Changes to a person's role or team (which decide what they may see) go into Alliance's own audit
  trail, and nobody changes their own role, team or admin rights here: another administrator must.
"""

from collections import Counter

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import router

from alliance.records import audit
from alliance.records.models import AgencySettings, AuditEntry, Team, User

# Fields that decide what a person may see; nobody may change their own.
ACCESS_FIELDS = ("role", "team", "is_staff", "is_superuser", "is_active", "groups", "user_permissions")


class NoClientDataOnDelete:
    """Delete confirmations name accounts and teams only; client records are counted, never listed."""

    def get_deleted_objects(self, objs, request):
        _, model_count, perms_needed, _ = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        deleted = [f"{obj._meta.verbose_name.capitalize()}: {obj}" for obj in objs]
        deleted += [
            f"{count} {name}" for name, count in model_count.items()
            if name not in {m._meta.verbose_name_plural for m in (User, Team)}
        ]
        shown = [obj for obj in collector.protected if isinstance(obj, (User, Team))]
        protected = [f"{obj._meta.verbose_name.capitalize()}: {obj}" for obj in shown]
        blocked = Counter(obj._meta.verbose_name_plural for obj in collector.protected if not isinstance(obj, (User, Team)))
        protected += [
            f"{count} {name} (not listed: the admin does not show client records; a practitioner or supervisor reassigns them first)"
            for name, count in sorted(blocked.items())
        ]
        return deleted, model_count, perms_needed, protected


@admin.register(User)
class UserAdmin(NoClientDataOnDelete, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Alliance", {"fields": ("role", "team")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Alliance", {"fields": ("role", "team")}),)
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += [f for f in ACCESS_FIELDS if f not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            audit.record(request.user, "create", obj, record_type="user", via="admin")
            return
        for field in ("role", "team", "is_staff", "is_superuser", "is_active"):
            if field in form.changed_data:
                audit.record(request.user, "update", obj, record_type=f"user.{field}", via="admin")

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        audit.record(request.user, "delete", record_type="user", record_id=pk, via="admin")

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in pks:
            audit.record(request.user, "delete", record_type="user", record_id=pk, via="admin")

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            audit.record(request.user, "update", record_type="user.password", record_id=id, via="admin")
        return response


@admin.register(Team)
class TeamAdmin(NoClientDataOnDelete, admin.ModelAdmin):
    list_display = ("name",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(request.user, "update" if change else "create", obj, record_type="team", via="admin")

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        audit.record(request.user, "delete", record_type="team", record_id=pk, via="admin")

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in pks:
            audit.record(request.user, "delete", record_type="team", record_id=pk, via="admin")


@admin.register(AgencySettings)
class AgencySettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not AgencySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "record_type", "record_id", "via")
    list_filter = ("action", "record_type", "via")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

