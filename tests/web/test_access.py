"""The access helpers themselves, for the record types no foundation view reaches directly (reflections)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from alliance.records import builders
from alliance.records.access import get_reflection_for_user, visible_clients
from tests.web.helpers import BAD_IDS, audit_trail


@pytest.fixture
def reflection(personas):
    contact = builders.make_contact(personas.client, starts_at=timezone.now())
    return builders.make_reflection(contact, listened_fully="Mostly.")


def test_the_author_may_read_and_change_their_reflection_and_it_is_audited(personas, reflection):
    found, can_write = get_reflection_for_user(personas.practitioner, reflection.pk, write=True)
    assert (found, can_write) == (reflection, True)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "reflection")]


def test_a_private_reflection_is_not_found_for_the_supervisor(personas, reflection):
    with pytest.raises(Http404):
        get_reflection_for_user(personas.supervisor, reflection.pk)
    assert audit_trail(personas.supervisor) == [("denied", "reflection")]


def test_a_shared_reflection_is_readable_but_not_changeable_by_the_supervisor(personas, reflection):
    reflection.shared_with_supervisor = True
    reflection.save()
    found, can_write = get_reflection_for_user(personas.supervisor, reflection.pk)
    assert (found, can_write) == (reflection, False)
    with pytest.raises(PermissionDenied):
        get_reflection_for_user(personas.supervisor, reflection.pk, write=True)
    assert audit_trail(personas.supervisor) == [("view", "reflection"), ("denied", "reflection")]


@pytest.mark.parametrize("who", ["teammate", "stranger", "admin"])
def test_anyone_else_does_not_find_a_reflection_even_when_shared(personas, reflection, who):
    reflection.shared_with_supervisor = True
    reflection.save()
    with pytest.raises(Http404):
        get_reflection_for_user(getattr(personas, who), reflection.pk)


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_reflection_id_is_not_found(personas, bad_id):
    with pytest.raises(Http404):
        get_reflection_for_user(personas.practitioner, bad_id)


def test_who_sees_which_clients(personas):
    teammates_client = builders.make_client(personas.teammate, "Tilly")
    assert set(visible_clients(personas.practitioner)) == {personas.client}
    assert set(visible_clients(personas.supervisor)) == {personas.client, teammates_client}
    assert set(visible_clients(personas.stranger)) == {personas.other_client}
    assert list(visible_clients(personas.admin)) == []


def test_a_deactivated_practitioner_sees_no_clients(personas):
    personas.practitioner.is_active = False
    personas.practitioner.save()
    assert list(visible_clients(personas.practitioner)) == []


def test_a_record_id_is_read_one_way_everywhere_and_anything_but_a_uuid_is_a_missing_record():
    import uuid

    import pytest
    from django.http import Http404

    from alliance.records.access import parse_uuid, uuid_or_404

    pk = uuid.uuid4()
    assert parse_uuid(pk) is pk and parse_uuid(str(pk)) == pk and parse_uuid(pk.hex) == pk
    assert parse_uuid("1") is None and parse_uuid(None) is None
    with pytest.raises(Http404, match="No such page."):
        uuid_or_404("../etc", "No such page.")
