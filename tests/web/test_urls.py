"""Addresses: record ids are UUIDs read by the URL itself (<uuid:...>), and pages are linked by name, not by hand."""

import pytest
from django.urls import URLPattern, get_resolver
from django.urls.converters import UUIDConverter

NOT_RECORDS = {"drill_id", "scenario_id", "token", "uidb64"}  # practice items are named; check-in tokens are secrets


def patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.pattern.converters
        elif not str(entry.pattern).startswith("admin/"):
            yield from patterns(entry, prefix + str(entry.pattern))


def test_every_record_id_in_an_address_is_read_as_a_uuid():
    seen = 0
    for route, converters in patterns():
        for name, converter in converters.items():
            if name not in NOT_RECORDS:
                assert isinstance(converter, UUIDConverter), route
                seen += 1
    assert seen > 20


@pytest.mark.parametrize("path", ["/clients/not-a-uuid/", "/contacts/1/edit/", "/alerts/x/follow-up/", "/team/practitioners/7/"])
def test_an_address_with_something_other_than_a_uuid_is_not_found(client, personas, path):
    client.force_login(personas.supervisor)
    assert client.get(path).status_code == 404
