"""Login throttling that works across processes (the failures live in the database)."""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from alliance.records.models import LoginFailure


def _window_start():
    return timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def client_address(request) -> str:
    """The address a login attempt came from; behind our proxy, the one it saw (the last X-Forwarded-For entry)."""
    if request is None:
        return ""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def is_locked_out(username: str, address: str) -> int:
    """Minutes left before another attempt is allowed, or 0 when allowed."""
    since = _window_start()
    recent = LoginFailure.objects.filter(at__gte=since)
    conditions = Q(username__iexact=username) if username else Q(pk__in=[])
    by_user = recent.filter(conditions).order_by("at")
    limit = settings.LOGIN_FAILURE_LIMIT
    # An address gets a larger allowance: several people can share one office address.
    by_address = recent.filter(address=address).order_by("at") if address else LoginFailure.objects.none()
    for qs, allowed in ((by_user, limit), (by_address, limit * 4)):
        count = qs.count()
        if count >= allowed:
            oldest = qs[count - allowed].at
            remaining = (oldest + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)) - timezone.now()
            return max(1, math.ceil(remaining.total_seconds() / 60))
    return 0


def note_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(username=username[:150], address=address[:64])
    # Keep the table small: old failures no longer matter.
    LoginFailure.objects.filter(at__lt=_window_start() - timedelta(days=1)).delete()
