"""`alliance demo` starts again on its own database after someone added a client in its pages."""

from __future__ import annotations

import pytest

from tests.cli.processes import alliance, count

pytestmark = pytest.mark.slow  # runs `alliance demo` in a subprocess


def test_the_demo_starts_again_after_a_client_was_added_to_it(demo_home, tmp_path):
    home = demo_home  # the session's demo, built once (tests/cli/conftest.py)
    clients = count(home, "SELECT count(*) FROM records_client")
    caseload = tmp_path / "new.csv"
    caseload.write_text("name,opened_on\nRiley Newcomer,2026-11-01\n", encoding="utf-8")
    added = alliance(home, "import", "clients", str(caseload), "--practitioner", "demo-practitioner")
    assert added.returncode == 0, added.stderr
    assert count(home, "SELECT count(*) FROM records_client WHERE is_demo = 0") == 1
    again = alliance(home, "demo", "--no-serve")
    assert again.returncode == 0, again.stderr
    assert "Demo data already present." in again.out
    assert count(home, "SELECT count(*) FROM records_client") == clients + 1
