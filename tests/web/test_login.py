"""Signing in and out: Argon2 passwords, landing on the caseload, throttled failures."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from alliance.records import builders
from alliance.records.models import LoginFailure
from tests.personas import PASSWORD
from tests.web.helpers import visible_text

URL = "/accounts/login/"
LOCKED = "Too many unsuccessful attempts. Please wait {minutes} minutes and try again."
SLOW_DOWN = "Too many unsuccessful attempts for this username. Please wait {seconds} seconds and try again."
WRONG = "Please enter a correct username and password. Note that both fields may be case-sensitive."


def sign_in(client, username, password, **extra):
    return client.post(URL, {"username": username, "password": password, **extra}, REMOTE_ADDR=extra.pop("address", "10.0.0.1"))


def test_the_login_page_asks_for_a_username_and_password(client, db):
    text = visible_text(client.get(URL))
    assert "Sign in" in text and "Username" in text and "Password" in text


def test_the_practitioner_signs_in_and_lands_on_their_caseload(client, personas):
    response = sign_in(client, "pat", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    text = visible_text(client.get("/"))
    assert "<h1>Caseload</h1>" in text
    assert f"/clients/{personas.client.pk}/" in text


def test_signing_in_returns_to_the_page_asked_for(client, personas):
    response = client.post(f"{URL}?next=/clients/{personas.client.pk}/", {"username": "pat", "password": PASSWORD, "next": f"/clients/{personas.client.pk}/"})
    assert response["Location"] == f"/clients/{personas.client.pk}/"


def test_a_signed_in_person_visiting_the_login_page_goes_to_the_caseload(client, personas):
    client.force_login(personas.practitioner)
    assert client.get(URL)["Location"] == "/"


def test_a_wrong_password_is_refused_with_a_plain_message_and_noted(client, personas):
    response = sign_in(client, "pat", "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG]
    assert LoginFailure.objects.filter(username="pat").count() == 1
    assert "_auth_user_id" not in client.session


def test_after_too_many_failures_for_a_username_each_try_waits_and_then_the_right_password_passes(client, personas):
    limit, delay = django_settings.LOGIN_FAILURE_LIMIT, django_settings.LOGIN_FAILURE_DELAY_SECONDS
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for i in range(limit):
            sign_in(client, "pat", "wrong-password-again", address=f"10.0.1.{i}")
        response = sign_in(client, "pat", PASSWORD, address="10.0.2.1")
        assert response.context["form"].non_field_errors() == [SLOW_DOWN.format(seconds=delay)]
        assert "_auth_user_id" not in client.session
        traveller.shift(timedelta(seconds=delay + 1))
        assert sign_in(client, "pat", PASSWORD, address="10.0.2.1").status_code == 302


def test_a_stranger_guessing_a_colleagues_password_cannot_lock_the_colleague_out(client, personas):
    delay = django_settings.LOGIN_FAILURE_DELAY_SECONDS
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        # The stranger keeps guessing as fast as they are allowed, for the whole window.
        for _ in range(django_settings.LOGIN_FAILURE_WINDOW_SECONDS // delay):
            sign_in(client, "pat", "a-stranger-guessing", address="203.0.113.66")
            traveller.shift(timedelta(seconds=delay + 1))
        assert sign_in(client, "pat", PASSWORD, address="10.0.0.8").status_code == 302


def test_a_wait_for_a_username_does_not_test_the_password(client, personas):
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT):
        sign_in(client, "pat", "wrong-password-again", address="10.0.3.1")
    before = LoginFailure.objects.count()
    response = sign_in(client, "pat", "another-guess", address="10.0.3.2")
    assert "Please wait" in response.context["form"].non_field_errors()[0]
    assert LoginFailure.objects.count() == before


def test_the_right_password_clears_the_usernames_failures(client, personas):
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "pat", "wrong-password-again")
    assert sign_in(client, "pat", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="pat").exists()


def test_the_lockout_is_per_username_so_a_colleague_can_still_sign_in(client, personas):
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT):
        sign_in(client, "pat", "wrong-password-again", address="10.0.0.2")
    assert sign_in(client, "sue", PASSWORD, address="10.0.0.3").status_code == 302


def test_the_username_delay_ignores_letter_case(client, personas):
    for _ in range(django_settings.LOGIN_FAILURE_LIMIT):
        sign_in(client, "PAT", "wrong-password-again")
    response = sign_in(client, "pat", PASSWORD, address="10.0.0.9")
    assert "Too many unsuccessful attempts" in response.context["form"].non_field_errors()[0]


def test_one_address_trying_many_usernames_is_locked_out_too(client, personas):
    for i in range(django_settings.LOGIN_FAILURE_LIMIT * 4):
        sign_in(client, f"guess{i}", "wrong-password-again", address="10.9.9.9")
    response = sign_in(client, "pat", PASSWORD, address="10.9.9.9")
    minutes = django_settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
    assert response.context["form"].non_field_errors() == [LOCKED.format(minutes=minutes)]
    assert sign_in(client, "pat", PASSWORD, address="10.0.0.4").status_code == 302


def test_signing_out_needs_a_post_and_ends_the_session(client, personas):
    client.force_login(personas.practitioner)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert client.get("/")["Location"].startswith(URL)


def test_passwords_are_stored_with_argon2(personas, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = builders.make_user("argon", password="a-long-enough-password")
    assert user.password.startswith("argon2$")
    assert user.check_password("a-long-enough-password")


def test_argon2_is_the_configured_hasher():
    from alliance.web import settings as alliance_settings

    assert alliance_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_behind_the_proxy_each_person_is_counted_by_their_own_address_not_the_proxys(client, personas, settings):
    settings.BEHIND_PROXY = True
    for i in range(django_settings.LOGIN_FAILURE_LIMIT * 4):
        client.post(URL, {"username": f"guess{i}", "password": "wrong"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    colleague = client.post(URL, {"username": "pat", "password": PASSWORD}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert colleague.status_code == 302
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"203.0.113.9"}


def test_behind_the_proxy_a_forged_forwarded_for_entry_does_not_escape_the_lockout(client, personas, settings):
    settings.BEHIND_PROXY = True
    for i in range(django_settings.LOGIN_FAILURE_LIMIT * 4):
        # The client forges the first entry; our proxy appends the address it really saw.
        client.post(URL, {"username": f"guess{i}", "password": "wrong"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.1.1.{i}, 203.0.113.9")
    response = client.post(URL, {"username": "pat", "password": PASSWORD}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9")
    assert "Too many unsuccessful attempts" in response.context["form"].non_field_errors()[0]


def test_without_the_proxy_setting_a_forwarded_for_header_is_ignored(client, personas):
    client.post(URL, {"username": "nobody", "password": "wrong"}, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert list(LoginFailure.objects.values_list("address", flat=True)) == ["10.0.0.5"]


def test_a_next_address_on_another_site_is_ignored(client, personas):
    response = client.post(URL, {"username": "pat", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"
