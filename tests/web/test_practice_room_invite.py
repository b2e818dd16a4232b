"""Inviting a learner: the supervisor makes the account, the learner sets their own password with a one-time link."""

from __future__ import annotations

import re

from alliance.records.models import AuditEntry, Role, User
from tests.web.helpers import signed_in

NEW_PASSWORD = "a-learner-chose-this-1"


def invite(client, **data):
    return client.post("/practice-room/team/invite/", {"username": "sam.lee", "first_name": "Sam", "last_name": "Lee", **data})


def welcome_link(response) -> str:
    return re.search(r'value="https?://[^/]+(/practice-room/welcome/[^"]+)"', response.content.decode()).group(1)


def test_the_supervisor_invites_a_learner_who_sets_a_password_and_signs_in(client, personas):
    signed_in(client, personas.supervisor)
    r = invite(client)
    assert r.status_code == 200
    learner = User.objects.get(username="sam.lee")
    assert learner.role == Role.LEARNER and learner.team == personas.team and not learner.has_usable_password()
    assert AuditEntry.objects.filter(actor=personas.supervisor, action="create", record_type="user").exists()
    link = welcome_link(r)
    client.logout()
    assert "Welcome to the practice room, Sam" in client.get(link).content.decode()
    r = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert r.url == "/accounts/login/"
    learner.refresh_from_db()
    assert learner.check_password(NEW_PASSWORD)
    # The link works once.
    assert client.get(link).status_code == 404
    assert client.login(username="sam.lee", password=NEW_PASSWORD)
    assert client.get("/").url == "/practice-room/"


def test_a_taken_or_bad_username_is_refused_in_plain_words(client, personas):
    signed_in(client, personas.supervisor)
    r = invite(client, username="pat")
    assert r.url == "/practice-room/team/"
    page = client.get("/practice-room/team/").content.decode()
    assert "There is already an account called “pat”. Choose another username." in page
    invite(client, username="sam lee")
    assert "no spaces" in client.get("/practice-room/team/").content.decode()
    assert not User.objects.filter(role=Role.LEARNER).exists()


def test_only_a_supervisor_can_invite(client, personas):
    for user in (personas.practitioner, personas.admin):
        signed_in(client, user)
        assert invite(client).status_code == 404
    assert not User.objects.filter(username="sam.lee").exists()


def test_a_welcome_link_cannot_set_a_practitioners_password(client, personas):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(personas.practitioner.pk))
    token = default_token_generator.make_token(personas.practitioner)
    assert client.get(f"/practice-room/welcome/{uid}/{token}/").status_code == 404
    assert client.get("/practice-room/welcome/bad/bad/").status_code == 404
