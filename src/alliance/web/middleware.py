"""Headers Django 5.2 does not set itself."""

from __future__ import annotations

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.path.startswith(("/clients/", "/contacts/", "/checkin/", "/team/", "/practice/")):
            # Client records must not linger in shared or proxy caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return middleware
