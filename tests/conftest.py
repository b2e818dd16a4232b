"""Shared test set-up: each run gets its own ALLIANCE_HOME; database tests are marked for the PostgreSQL pass."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before Django reads its settings: never touch the developer's real data folder.
os.environ.setdefault("ALLIANCE_HOME", tempfile.mkdtemp(prefix="alliance-test-home-"))
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = Path(os.environ.get("ALLIANCE_DATA_DIR", REPO.parent / "shared" / "data"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & {"db", "transactional_db", "client", "admin_client", "personas"}:
            item.add_marker(pytest.mark.database)
        if item.get_closest_marker("data") and not DATA_DIR.exists():
            item.add_marker(pytest.mark.skip(reason=f"training data not found at {DATA_DIR} (set ALLIANCE_DATA_DIR)"))


def pytest_configure(config):
    config.addinivalue_line("markers", "database: uses the database (run again on PostgreSQL)")


@pytest.fixture
def personas(db):
    """The people every records test needs (tests/personas.py), for web and CLI tests alike."""
    from tests.personas import (
        build_personas,  # imports Django models: only once Django is set up
    )

    return build_personas()


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(autouse=True)
def _fast_passwords(request):
    """Argon2 is deliberately slow; unit tests use a fast hasher. Browser tests use the real server."""
    if "settings" in getattr(request, "fixturenames", ()) or request.node.get_closest_marker("database"):
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
