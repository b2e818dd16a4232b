"""Django's admin, for administrators only: accounts, teams and agency settings — never client records."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from alliance.records.models import AgencySettings, AuditEntry, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Alliance", {"fields": ("role", "team")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Alliance", {"fields": ("role", "team")}),)
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name",)


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
