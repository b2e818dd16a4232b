"""Settings from environment variables: typed helpers that refuse bad values, DATABASE_URL, and docs that cannot drift."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from alliance.errors import ConfigError
from alliance.web import checks
from alliance.web.database import database_config, describe
from alliance.web.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    env_timezone,
)

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "src" / "alliance"
SETTINGS_DOC = REPO / "docs" / "settings.md"


# --- typed helpers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("false", False), ("No", False), ("off", False), ("", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("ALLIANCE_EXAMPLE", raw)
    assert env_bool("ALLIANCE_EXAMPLE", not expected) is expected


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("ALLIANCE_EXAMPLE", raising=False)
    assert env_bool("ALLIANCE_EXAMPLE", True) is True


def test_env_bool_refuses_anything_else_with_one_sentence(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ConfigError) as caught:
        env_bool("DEBUG", False)
    assert str(caught.value) == "DEBUG must be true or false, not 'maybe'."
    assert caught.value.code == "S003"


def test_env_int_reads_a_whole_number_and_uses_the_default_when_blank(monkeypatch):
    monkeypatch.setenv("ALLIANCE_EXAMPLE", " 42 ")
    assert env_int("ALLIANCE_EXAMPLE", 1) == 42
    monkeypatch.setenv("ALLIANCE_EXAMPLE", "  ")
    assert env_int("ALLIANCE_EXAMPLE", 7) == 7


def test_env_int_refuses_a_value_that_is_not_a_whole_number(monkeypatch):
    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "five")
    with pytest.raises(ConfigError) as caught:
        env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
    assert str(caught.value) == "LOGIN_FAILURE_LIMIT must be a whole number, not 'five'."


def test_env_int_refuses_a_value_below_its_minimum(monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_AGE", "10")
    with pytest.raises(ConfigError) as caught:
        env_int("SESSION_COOKIE_AGE", 28800, minimum=60)
    assert str(caught.value) == "SESSION_COOKIE_AGE must be a whole number of at least 60, not '10'."


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " alliance.example.org, ,localhost ")
    assert env_list("ALLOWED_HOSTS", ["x"]) == ["alliance.example.org", "localhost"]
    monkeypatch.delenv("ALLOWED_HOSTS")
    assert env_list("ALLOWED_HOSTS", ["x"]) == ["x"]


def test_env_str_reads_a_secret_from_its_file_which_wins_over_the_variable(monkeypatch, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("  from-the-file\n", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env_str("SECRET_KEY") == "from-the-file"


def test_env_str_refuses_a_secret_file_that_cannot_be_read(monkeypatch, tmp_path):
    missing = tmp_path / "missing"
    monkeypatch.setenv("SECRET_KEY_FILE", str(missing))
    with pytest.raises(ConfigError) as caught:
        env_str("SECRET_KEY")
    assert str(caught.value) == f"SECRET_KEY_FILE must be a readable file, not {str(missing)!r}."


def test_env_choice_accepts_any_case_and_refuses_other_words(monkeypatch):
    monkeypatch.setenv("ALLIANCE_LOG_LEVEL", "warning")
    assert env_choice("ALLIANCE_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")) == "WARNING"
    monkeypatch.setenv("ALLIANCE_LOG_LEVEL", "LOUD")
    with pytest.raises(ConfigError) as caught:
        env_choice("ALLIANCE_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
    assert str(caught.value) == "ALLIANCE_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, not 'LOUD'."


def test_env_timezone_accepts_an_iana_name_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("TIME_ZONE", "Europe/London")
    assert env_timezone("TIME_ZONE", "UTC") == "Europe/London"
    monkeypatch.setenv("TIME_ZONE", "Mars/Olympus")
    with pytest.raises(ConfigError) as caught:
        env_timezone("TIME_ZONE", "UTC")
    assert str(caught.value) == "TIME_ZONE must be a time zone name such as Europe/London or UTC, not 'Mars/Olympus'."


# --- DATABASE_URL ----------------------------------------------------------------------------------

def test_without_database_url_alliance_uses_sqlite_in_its_home_with_wal_and_a_busy_timeout(tmp_path):
    config = database_config(None, tmp_path / "home")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "home" / "alliance.sqlite3")
    assert "PRAGMA journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] == 20
    assert (tmp_path / "home").is_dir()


def test_a_postgres_url_selects_postgresql(tmp_path):
    config = database_config("postgres://alliance:s3cret@db.internal:5433/agency", tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.internal", 5433, "agency", "alliance")


@pytest.mark.parametrize("url", ["nonsense://somewhere", "postgres://user@host:notaport/db", "just some words"])
def test_a_database_url_that_cannot_be_understood_is_one_sentence(tmp_path, url):
    with pytest.raises(ConfigError) as caught:
        database_config(url, tmp_path)
    message = str(caught.value)
    assert caught.value.code == "S001"
    assert message.startswith("DATABASE_URL could not be understood (")
    assert message.endswith("Expected something like postgres://user:password@host:5432/name or sqlite:///path/to/alliance.sqlite3.")


@pytest.mark.parametrize(
    ("url", "detail"),
    [("mysql://u:p@db/agency", "mysql:// is not a database Alliance supports"), ("nonsense://somewhere", "nonsense:// is not a database Alliance supports"),
     ("just some words", "it has no scheme such as postgres://")],
)
def test_a_database_other_than_postgresql_or_sqlite_is_refused_by_name(tmp_path, url, detail):
    with pytest.raises(ConfigError) as caught:
        database_config(url, tmp_path)
    assert str(caught.value) == (
        f"DATABASE_URL could not be understood ({detail}). "
        "Expected something like postgres://user:password@host:5432/name or sqlite:///path/to/alliance.sqlite3."
    )


def test_describing_the_database_never_shows_the_password(tmp_path):
    where = describe(database_config("postgres://alliance:s3cret@db.internal:5433/agency", tmp_path))
    assert where == "db.internal:5433/agency"
    assert "s3cret" not in where


# --- settings.py as the server sees it ------------------------------------------------------------

def _settings_in_subprocess(tmp_path, **env) -> dict:
    names = ["DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
             "SECURE_PROXY_SSL_HEADER", "ALLOWED_HOSTS", "SECRET_KEY_EPHEMERAL", "LOGIN_FAILURE_LIMIT"]
    code = "import json; from alliance.web import settings as s; print(json.dumps({n: getattr(s, n) for n in %r}))" % names
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "SECRET_KEY_FILE", "ALLIANCE_HTTPS", "DEBUG"}}
    result = subprocess.run([sys.executable, "-c", code], env={**clean, "ALLIANCE_HOME": str(tmp_path), **env},
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_a_fresh_clone_is_safe_by_default_and_says_its_secret_key_is_throwaway(tmp_path):
    values = _settings_in_subprocess(tmp_path)
    assert values["DEBUG"] is False
    assert values["SECRET_KEY_EPHEMERAL"] is True
    assert values["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert values["SESSION_COOKIE_SECURE"] is False and values["SECURE_HSTS_SECONDS"] == 0


def test_alliance_https_marks_cookies_secure_sends_hsts_and_redirects(tmp_path):
    values = _settings_in_subprocess(tmp_path, ALLIANCE_HTTPS="true", SECRET_KEY="k" * 50, ALLIANCE_BEHIND_PROXY="yes")
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECRET_KEY_EPHEMERAL"] is False


def test_the_system_checks_warn_about_a_throwaway_key_plain_http_and_public_debug(settings):
    settings.SECRET_KEY_EPHEMERAL = True
    settings.HTTPS = False
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["alliance.example.org"]
    found = [w.id for w in checks.check_secret_key(None) + checks.check_https(None) + checks.check_debug(None)]
    assert found == ["alliance.W001", "alliance.W002", "alliance.W003"]
    settings.SECRET_KEY_EPHEMERAL, settings.HTTPS, settings.DEBUG = False, True, False
    assert checks.check_secret_key(None) + checks.check_https(None) + checks.check_debug(None) == []


# --- docs that cannot drift ------------------------------------------------------------------------

# os.environ.setdefault is left out: there Alliance sets a variable for a library (HF_HUB_OFFLINE), it reads no setting.
READERS = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|\benv_[a-z]+)\(\s*([^,)\s]+)"""
    r"""|os\.environ\[\s*([^\]\s]+)\s*\]"""
)


def environment_variables_read_by_the_code() -> dict[str, str]:
    """Every variable name src/alliance reads, with where; names held in module constants are resolved."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in READERS.finditer(text):
            argument = match.group(1) or match.group(2)
            if argument.startswith(("f'", 'f"')):
                continue  # a name built at run time (env_str's NAME_FILE): documented generally
            if argument[0] in "'\"":
                name = argument.strip("'\"")
            else:
                constant = re.search(rf"^\s*{re.escape(argument)}\s*=\s*['\"]([A-Z][A-Z0-9_]*)['\"]", text, re.M)
                if not constant:
                    continue  # a parameter (the helpers' own `name`)
                name = constant.group(1)
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault(name, f"{path.relative_to(REPO)}:{line}")
    return found


def documented_variables() -> set[str]:
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", SETTINGS_DOC.read_text(encoding="utf-8"), re.M))


def test_the_scan_finds_the_settings_we_know_the_code_reads():
    found = environment_variables_read_by_the_code()
    assert {"DATABASE_URL", "SECRET_KEY", "ALLIANCE_HTTPS", "LOGIN_FAILURE_LIMIT", "ALLIANCE_HOME"} <= set(found)


def test_every_environment_variable_the_code_reads_is_documented_in_settings_md():
    undocumented = {name: where for name, where in environment_variables_read_by_the_code().items() if name not in documented_variables()}
    assert not undocumented, f"Add these to docs/settings.md (name, default, what it does, example): {undocumented}"


def test_each_documented_variable_gives_a_default_a_purpose_and_an_example():
    rows = re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|(.*)$", SETTINGS_DOC.read_text(encoding="utf-8"), re.M)
    for name, rest in rows:
        cells = [cell.strip() for cell in rest.rstrip("|").split("|")]
        assert len(cells) == 3 and all(cells), f"{name}: give default, what it does and an example"
        assert name in cells[2], f"{name}: the example should show the variable being set"
