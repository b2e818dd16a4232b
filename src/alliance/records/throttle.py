"""Throttling of sign-ins and check-in links that works across processes (the failures live in the database).

Two limits, so that nobody can lock a colleague out:

- **per address**: ``LOGIN_FAILURE_LIMIT × 4`` failed sign-ins from one address within the window stop
  every further sign-in *from that address* until the window passes (several people may share an office
  address, hence the larger allowance). A stranger locks out only themselves.
- **per username**: after ``LOGIN_FAILURE_LIMIT`` failures for one username (from anywhere), each further
  attempt must wait ``LOGIN_FAILURE_DELAY_SECONDS`` after the last failure. It is a delay, not a lock:
  once it has passed, the right password signs in, so guessing is slowed to one try per delay while
  the owner of the account is never shut out.

Check-in links are guessed by address only: ``CHECKIN_FAILURE_LIMIT`` tokens that open nothing within the
window stop further check-in requests from that address until the window passes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from alliance.records.models import LoginFailure

ADDRESS_ALLOWANCE = 4  # times LOGIN_FAILURE_LIMIT, for one address


def _window_start():
    return timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def client_address(request) -> str:
    """The address a request came from; behind our proxy, the one it saw (the last X-Forwarded-For entry)."""
    if request is None:
        return ""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


@dataclass(frozen=True)
class Wait:
    """Why a sign-in must wait: ``address`` (minutes left) or ``username`` (seconds left)."""

    reason: str
    minutes: int = 0
    seconds: int = 0


def _address_minutes(kind: str, address: str, allowed: int) -> int:
    if not address:
        return 0
    failures = LoginFailure.objects.filter(kind=kind, address=address, at__gte=_window_start()).order_by("-at")
    times = list(failures.values_list("at", flat=True)[:allowed])
    if len(times) < allowed:
        return 0
    # The lock lifts when the oldest of the last `allowed` failures leaves the window.
    remaining = times[-1] + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS) - timezone.now()
    return max(1, math.ceil(remaining.total_seconds() / 60))


def login_wait(username: str, address: str) -> Wait | None:
    """Whether this sign-in attempt must wait, and why; None when it may go ahead."""
    minutes = _address_minutes(LoginFailure.Kind.LOGIN, address, settings.LOGIN_FAILURE_LIMIT * ADDRESS_ALLOWANCE)
    if minutes:
        return Wait("address", minutes=minutes)
    if not username:
        return None
    recent = LoginFailure.objects.filter(kind=LoginFailure.Kind.LOGIN, username__iexact=username, at__gte=_window_start())
    times = list(recent.order_by("-at").values_list("at", flat=True)[: settings.LOGIN_FAILURE_LIMIT])
    if len(times) < settings.LOGIN_FAILURE_LIMIT:
        return None
    remaining = times[0] + timedelta(seconds=settings.LOGIN_FAILURE_DELAY_SECONDS) - timezone.now()
    if remaining.total_seconds() <= 0:
        return None
    return Wait("username", seconds=max(1, math.ceil(remaining.total_seconds())))


def note_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(kind=LoginFailure.Kind.LOGIN, username=username[:150], address=address[:64])
    _forget_old()


def note_success(username: str) -> None:
    """A right password clears that username's delay (the address count stays)."""
    LoginFailure.objects.filter(kind=LoginFailure.Kind.LOGIN, username__iexact=username).delete()


def checkin_wait_minutes(address: str) -> int:
    """Minutes before this address may open check-in links again (0: it may)."""
    return _address_minutes(LoginFailure.Kind.CHECKIN, address, settings.CHECKIN_FAILURE_LIMIT)


def note_checkin_failure(address: str) -> None:
    LoginFailure.objects.create(kind=LoginFailure.Kind.CHECKIN, username="", address=address[:64])
    _forget_old()


def _forget_old() -> None:
    # Keep the table small: old failures no longer matter.
    LoginFailure.objects.filter(at__lt=_window_start() - timedelta(days=1)).delete()
