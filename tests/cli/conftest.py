"""Homes for the commands run in subprocesses: migrated once, and the demo built once, per test session.

Migrating and building the demo take most of a command's time, so each is done once and every
test gets its own copy of the result to change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.processes import alliance


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("migrated-home")
    result = alliance(home, "migrate")
    assert result.returncode == 0, result.stderr
    return home / "alliance.sqlite3"


@pytest.fixture
def home(tmp_path, migrated_database) -> Path:
    """An empty, migrated home of this test's own."""
    shutil.copyfile(migrated_database, tmp_path / "alliance.sqlite3")
    return tmp_path


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory, migrated_database):
    """``alliance demo --no-serve`` run once on a migrated home: (that home, what the first run printed)."""
    built = tmp_path_factory.mktemp("demo-home")
    shutil.copyfile(migrated_database, built / "alliance.sqlite3")
    first = alliance(built, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    return built, first


@pytest.fixture
def demo_home(tmp_path, demo_built) -> Path:
    """A copy of the session's demo home (its database and the demo's own secret key) for one test to change."""
    shutil.copytree(demo_built[0], tmp_path / "demo")
    return tmp_path / "demo"
