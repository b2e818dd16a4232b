"""The web commands as a person runs them: `alliance migrate`, `demo`, `createuser`, `serve`, in subprocesses."""

from __future__ import annotations

import sqlite3

import pytest

from tests.cli.processes import alliance, count

pytestmark = pytest.mark.slow  # runs the alliance command in subprocesses


def test_migrate_creates_the_embedded_database_and_says_it_is_up_to_date(tmp_path):
    result = alliance(tmp_path, "migrate")
    assert result.returncode == 0, result.stderr
    assert "Database is up to date." in result.out
    assert count(tmp_path, "SELECT count(*) FROM django_migrations WHERE app = 'records'") >= 1


def test_demo_without_serving_prints_the_logins_and_running_it_again_adds_nobody(demo_built, demo_home):
    built, first = demo_built  # the session's one build of the demo, on a migrated home
    assert "Demo data created." in first.out
    assert "Demo logins (password: alliance-demo)" in first.out
    for username in ("demo-practitioner", "demo-supervisor", "demo-other-team", "demo-admin"):
        assert username in first.out
    key = built / "secret_key"  # the demo keeps its own key, private to its home
    assert key.exists() and key.stat().st_mode & 0o077 == 0
    home = demo_home
    users, clients = count(home, "SELECT count(*) FROM records_user"), count(home, "SELECT count(*) FROM records_client")
    assert clients > 0
    second = alliance(home, "demo", "--no-serve")
    assert second.returncode == 0, second.stderr
    assert "Demo data already present." in second.out
    assert (count(home, "SELECT count(*) FROM records_user"), count(home, "SELECT count(*) FROM records_client")) == (users, clients)



def test_demo_refuses_a_database_that_holds_real_people(home):
    created = alliance(home, "createuser", "maria", "--team", "East Team", "--password", "a-long-real-password")
    assert created.returncode == 0, created.stderr
    result = alliance(home, "demo", "--no-serve")
    assert result.returncode == 1
    assert "this database already holds real (non-demo) records, so the demo will not add its users to it." in result.err
    assert "Traceback" not in result.stderr
    assert count(home, "SELECT count(*) FROM records_user WHERE username LIKE 'demo-%'") == 0


def test_createuser_adds_a_person_who_can_sign_in(home):
    result = alliance(home, "createuser", "robin", "--role", "admin", "--password", "a-long-real-password")
    assert result.returncode == 0, result.stderr
    assert "Created admin robin." in result.out
    with sqlite3.connect(home / "alliance.sqlite3") as db:
        role, password = db.execute("SELECT role, password FROM records_user WHERE username = 'robin'").fetchone()
    assert role == "admin"
    assert password.startswith("argon2$")


def test_createuser_refuses_a_weak_password_with_a_sentence_and_creates_nobody(home):
    result = alliance(home, "createuser", "weakling", "--password", "12345")
    assert result.returncode == 1
    assert result.err.startswith("Error: This password is too short. It must contain at least 10 characters.")
    assert "Traceback" not in result.stderr
    assert count(home, "SELECT count(*) FROM records_user WHERE username = 'weakling'") == 0


def test_createuser_refuses_an_unknown_role_and_a_taken_username(home):
    assert alliance(home, "createuser", "kim", "--role", "boss", "--password", "a-long-real-password").err == (
        "Error: role must be one of practitioner, supervisor, admin, learner, not 'boss'."
    )
    alliance(home, "createuser", "kim", "--password", "a-long-real-password")
    again = alliance(home, "createuser", "KIM", "--password", "a-long-real-password")
    assert again.returncode == 1
    assert again.err == "Error: a user called 'KIM' already exists."


def test_an_unreachable_postgresql_is_one_sentence_and_exit_1(tmp_path):
    result = alliance(tmp_path, "migrate", DATABASE_URL="postgres://alliance:s3cret@127.0.0.1:1/alliance")
    assert result.returncode == 1
    assert result.err.startswith("Error: Could not reach the database at 127.0.0.1:1/alliance (")
    assert result.err.endswith("Check that it is running and that DATABASE_URL is right.")
    assert "s3cret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_url_that_cannot_be_parsed_is_one_sentence(tmp_path):
    result = alliance(tmp_path, "migrate", DATABASE_URL="nonsense://somewhere")
    assert result.returncode == 1
    assert result.err.startswith("Error: DATABASE_URL could not be understood (")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("setting", "value", "sentence"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false, not 'maybe'."),
        ("TIME_ZONE", "Mars/Olympus", "TIME_ZONE must be a time zone name such as Europe/London or UTC, not 'Mars/Olympus'."),
        ("ALLIANCE_LOG_LEVEL", "LOUD", "ALLIANCE_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, not 'LOUD'."),
    ],
)
def test_a_malformed_setting_is_one_sentence(tmp_path, setting, value, sentence):
    result = alliance(tmp_path, "migrate", **{setting: value})
    assert result.returncode == 1
    assert result.err == f"Error: {sentence}"
    assert "Traceback" not in result.stderr


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    result = alliance(tmp_path, "serve", "--port", "1")
    assert result.returncode == 1
    assert result.err == "Error: SECRET_KEY (or SECRET_KEY_FILE) must be set to serve Alliance; `alliance demo` makes one for itself."
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_port_already_in_use(home):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = alliance(home, "serve", "--port", str(port), SECRET_KEY="k" * 50)
    assert result.returncode == 1
    assert result.err == f"Error: port {port} on 127.0.0.1 is already in use. Try --port {port + 1}."
