"""Configuration problems surface as Django system checks with a hint (docs/settings.md)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if getattr(settings, "SECRET_KEY_EPHEMERAL", False):
        return [Warning(
            "SECRET_KEY is not set, so sessions end whenever the server restarts.",
            hint="Set SECRET_KEY or SECRET_KEY_FILE (see docs/settings.md).",
            id="alliance.W001",
        )]
    return []


@register(Tags.security, deploy=True)
def check_https(app_configs, **kwargs):
    if not settings.HTTPS:
        return [Warning(
            "Cookies are not marked Secure because ALLIANCE_HTTPS is off.",
            hint="Serve Alliance over HTTPS and set ALLIANCE_HTTPS=true (see docs/deployment.md).",
            id="alliance.W002",
        )]
    return []


@register(Tags.security)
def check_debug(app_configs, **kwargs):
    if settings.DEBUG and not set(settings.ALLOWED_HOSTS) <= {"localhost", "127.0.0.1", "[::1]"}:
        return [Warning(
            "DEBUG is on while Alliance answers on public host names; error pages would show internals.",
            hint="Set DEBUG=false for any deployment.",
            id="alliance.W003",
        )]
    return []


@register(Tags.compatibility, deploy=True)
def check_email(app_configs, **kwargs):
    if not getattr(settings, "EMAIL_HOST", ""):
        return [Warning(
            "EMAIL_HOST is not set, so urgent-alert emails are only printed on the console and reach nobody.",
            hint="Set EMAIL_HOST (and EMAIL_PORT, DEFAULT_FROM_EMAIL, ALLIANCE_BASE_URL; see docs/settings.md).",
            id="alliance.W004",
        )]
    return []
