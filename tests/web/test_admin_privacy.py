"""The admin manages accounts and teams: it never shows a client's name, audits access changes, and nobody changes their own access."""

from __future__ import annotations

import re

import pytest

from alliance.records.models import AuditEntry, Role
from tests.web.helpers import visible_text

CLIENT_WORDS = ("Casey", "Otto Other")


def no_client_names(text: str) -> None:
    for word in CLIENT_WORDS:
        assert word not in text


@pytest.fixture
def admin_client(client, personas):
    client.force_login(personas.admin)
    return client


def change_data(user, **changes):
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "is_active": "on", "role": user.role, "team": str(user.team_id or ""),
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_deleting_a_team_lists_no_client_names_only_a_count(admin_client, personas):
    response = admin_client.get(f"/admin/records/team/{personas.team.pk}/delete/")
    assert response.status_code == 200
    text = visible_text(response)
    no_client_names(text)
    assert "1 clients (not listed: the admin does not show client records" in text
    assert "Harbour Team" in text


def test_deleting_a_practitioner_lists_no_client_names(admin_client, personas):
    response = admin_client.get(f"/admin/records/user/{personas.practitioner.pk}/delete/")
    assert response.status_code == 200
    text = visible_text(response)
    no_client_names(text)
    assert "clients (not listed" in text


def test_the_bulk_delete_confirmation_lists_no_client_names(admin_client, personas):
    response = admin_client.post("/admin/records/user/", {
        "action": "delete_selected", "_selected_action": [str(personas.practitioner.pk), str(personas.stranger.pk)],
    })
    assert response.status_code == 200
    no_client_names(visible_text(response))


def test_no_admin_page_shows_a_client_name(admin_client, personas):
    index = admin_client.get("/admin/")
    pages = {"/admin/"} | set(re.findall(r'href="(/admin/[^"#?]+)"', index.content.decode()))
    for user in (personas.practitioner, personas.supervisor, personas.admin):
        pages.add(f"/admin/records/user/{user.pk}/change/")
        pages.add(f"/admin/records/user/{user.pk}/history/")
    pages.add(f"/admin/records/team/{personas.team.pk}/change/")
    for url in sorted(pages):
        if "logout" in url:
            continue
        response = admin_client.get(url)
        assert response.status_code in (200, 302), url
        no_client_names(response.content.decode())


def test_changing_a_colleagues_role_and_team_is_in_alliances_audit_trail(admin_client, personas):
    target = personas.teammate
    response = admin_client.post(
        f"/admin/records/user/{target.pk}/change/",
        change_data(target, role=Role.SUPERVISOR, team=str(personas.other_team.pk)),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert (target.role, target.team_id) == (Role.SUPERVISOR, personas.other_team.pk)
    entries = AuditEntry.objects.filter(via="admin", record_id=str(target.pk))
    assert sorted(entries.values_list("action", "record_type")) == [("update", "user.role"), ("update", "user.team")]
    assert {e.actor_id for e in entries} == {personas.admin.pk}


def test_an_admin_cannot_change_their_own_role_or_team(admin_client, personas):
    me = personas.admin
    page = admin_client.get(f"/admin/records/user/{me.pk}/change/").content.decode()
    assert 'name="role"' not in page and 'name="team"' not in page
    response = admin_client.post(
        f"/admin/records/user/{me.pk}/change/",
        change_data(me, role=Role.PRACTITIONER, team=str(personas.other_team.pk), first_name="Adaline"),
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.first_name, me.role, me.team_id, me.is_superuser) == ("Adaline", Role.ADMIN, personas.team.pk, True)
    assert not AuditEntry.objects.filter(record_type__startswith="user.", record_id=str(me.pk)).exists()


def test_adding_and_deleting_a_team_is_audited(admin_client, personas):
    assert admin_client.post("/admin/records/team/add/", {"name": "Coast Team"}).status_code == 302
    from alliance.records.models import Team

    coast = Team.objects.get(name="Coast Team")
    assert admin_client.post(f"/admin/records/team/{coast.pk}/delete/", {"post": "yes"}).status_code == 302
    assert sorted(AuditEntry.objects.filter(record_type="team").values_list("action", flat=True)) == ["create", "delete"]
