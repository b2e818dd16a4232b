"""Headers Django 5.2 does not set itself, and the throttle on check-in link guessing."""

from __future__ import annotations

from django.shortcuts import render

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Pages that show client records (or fragments of them) must not linger in shared or proxy caches.
NO_STORE_PREFIXES = (
    "/clients/", "/contacts/", "/checkin/", "/team/", "/practice/", "/conversations/", "/goals/", "/alerts/",
)


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.path == "/" or request.path.startswith(NO_STORE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response

    return middleware


def checkin_throttle(get_response):
    """Count check-in links that open nothing (404) per address; past the limit, that address waits.

    A token has 256 bits, so guessing cannot succeed; this keeps a guesser from loading the server and
    the audit trail. The token itself is never logged or stored.
    """

    def middleware(request):
        if not request.path.startswith("/checkin/"):
            return get_response(request)
        from alliance.records.throttle import (
            checkin_wait_minutes,
            client_address,
            note_checkin_failure,
        )

        address = client_address(request)
        minutes = checkin_wait_minutes(address)
        if minutes:
            response = render(request, "alliance/checkin_slow_down.html", {"minutes": minutes}, status=429)
            response["Retry-After"] = str(minutes * 60)
            response._has_been_logged = True  # the path holds a token: keep it out of the log
            return response
        response = get_response(request)
        if response.status_code == 404:
            note_checkin_failure(address)
        return response

    return middleware
