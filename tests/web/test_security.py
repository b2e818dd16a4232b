"""Security headers, cookies and CSRF on the real middleware stack."""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient

from alliance.web.middleware import CONTENT_SECURITY_POLICY
from tests.personas import PASSWORD
from tests.web.helpers import signed_in


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz"])
def test_every_response_carries_the_security_headers(client, db, path):
    response = client.get(path)
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_the_content_security_policy_allows_only_our_own_scripts_and_styles():
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_client_record_pages_are_not_cached_but_the_login_page_may_be(client, personas):
    signed_in(client, personas.practitioner)
    assert client.get(f"/clients/{personas.client.pk}/")["Cache-Control"] == "no-store"
    client.logout()
    assert client.get("/accounts/login/").get("Cache-Control", "") != "no-store"


def test_the_session_cookie_is_http_only_same_site_and_ends_with_the_browser(client, personas):
    response = client.post("/accounts/login/", {"username": "pat", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # no max-age: a browser-session cookie


def test_the_csrf_cookie_is_http_only(client, db):
    response = client.get("/accounts/login/")
    assert response.cookies["csrftoken"]["httponly"] is True


def test_a_form_posted_without_the_csrf_token_is_refused_and_saves_nothing(personas):
    strict = DjangoClient(enforce_csrf_checks=True)
    strict.force_login(personas.practitioner)
    response = strict.post("/clients/new/", {"name": "No Token", "preferred_language": "en", "status": "active", "opened_on": "2026-11-01"})
    assert response.status_code == 403
    from alliance.records.models import Client

    assert not Client.objects.filter(name="No Token").exists()


def test_the_login_form_needs_the_csrf_token_too(personas):
    strict = DjangoClient(enforce_csrf_checks=True)
    assert strict.post("/accounts/login/", {"username": "pat", "password": PASSWORD}).status_code == 403
