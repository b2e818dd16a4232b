"""GET /healthz: a database round-trip, no login, no client data."""

from __future__ import annotations

import pytest
from django.db import connection

from alliance import __version__


@pytest.mark.django_db
def test_health_answers_ok_with_the_database_and_version_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor, "version": __version__}


@pytest.mark.django_db
def test_health_makes_a_database_round_trip(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/healthz")


@pytest.mark.django_db
def test_health_answers_503_when_the_database_cannot_be_reached(client, monkeypatch):
    # The database is the external boundary here: make its cursor fail as an unreachable server would.
    from django.db.utils import OperationalError

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


@pytest.mark.django_db
def test_health_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
