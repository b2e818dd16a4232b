"""Guessing check-in tokens: each address may open only so many links that lead nowhere, then it waits."""

from __future__ import annotations

import secrets
from datetime import timedelta

import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from alliance.records.models import LoginFailure
from tests.web.checkin_helpers import new_link
from tests.web.helpers import visible_text


def guess(client, address="203.0.113.40"):
    return client.get(f"/checkin/{secrets.token_urlsafe(32)}/", REMOTE_ADDR=address)


def test_a_guesser_is_paused_after_the_limit_and_told_so_plainly(client, personas):
    limit = django_settings.CHECKIN_FAILURE_LIMIT
    for _ in range(limit):
        assert guess(client).status_code == 404
    response = guess(client)
    assert response.status_code == 429
    assert response["Retry-After"] == str(django_settings.LOGIN_FAILURE_WINDOW_SECONDS)
    text = visible_text(response)
    assert "Please wait a moment" in text
    assert "check-ins from it are paused for a while" in text
    assert f"Please try again in {django_settings.LOGIN_FAILURE_WINDOW_SECONDS // 60} minutes." in text


def test_the_pause_is_explained_in_spanish_to_a_spanish_browser(client, personas):
    for _ in range(django_settings.CHECKIN_FAILURE_LIMIT):
        guess(client)
    response = client.get("/checkin/x/", REMOTE_ADDR="203.0.113.40", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 429
    assert "Vuelva a intentarlo dentro de 15 minutos." in visible_text(response)


def test_a_paused_address_cannot_open_even_a_real_link_but_another_address_can(client, personas):
    _, token = new_link(personas)
    for _ in range(django_settings.CHECKIN_FAILURE_LIMIT):
        guess(client)
    assert client.get(f"/checkin/{token}/", REMOTE_ADDR="203.0.113.40").status_code == 429
    assert client.get(f"/checkin/{token}/", REMOTE_ADDR="198.51.100.3").status_code == 200


def test_the_pause_ends_when_the_window_has_passed(client, personas):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(django_settings.CHECKIN_FAILURE_LIMIT):
            guess(client)
        assert guess(client).status_code == 429
        traveller.shift(timedelta(seconds=django_settings.LOGIN_FAILURE_WINDOW_SECONDS + 1))
        assert guess(client).status_code == 404


def test_a_real_link_counts_nothing_and_no_token_is_stored(client, personas):
    _, token = new_link(personas)
    assert client.get(f"/checkin/{token}/", REMOTE_ADDR="198.51.100.4").status_code == 200
    guess(client, address="198.51.100.4")
    rows = list(LoginFailure.objects.values_list("kind", "username", "address"))
    assert rows == [("checkin", "", "198.51.100.4")]


def test_check_in_guesses_do_not_count_against_sign_ins_from_the_same_address(client, personas):
    from tests.personas import PASSWORD

    for _ in range(django_settings.CHECKIN_FAILURE_LIMIT):
        guess(client, address="10.0.0.1")
    response = client.post("/accounts/login/", {"username": "pat", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
