"""Tiny typed helpers that read settings from the environment and reject bad values loudly.

Secrets may come from ``NAME_FILE`` (a path whose content is the value). Every
variable read here must be documented in docs/settings.md (a test checks).
"""

from __future__ import annotations

import os
from pathlib import Path

from alliance.errors import ConfigError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError("S003", name=f"{name}_FILE", expected="a readable file", value=file_path) from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError("S003", name=name, expected="true or false", value=raw)


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError("S003", name=name, expected="a whole number", value=raw) from None
    if minimum is not None and value < minimum:
        raise ConfigError("S003", name=name, expected=f"a whole number of at least {minimum}", value=raw)
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of a fixed set of words, any case (given back as spelled in ``choices``)."""
    raw = env_str(name, default) or default
    by_upper = {choice.upper(): choice for choice in choices}
    if raw.strip().upper() not in by_upper:
        raise ConfigError("S003", name=name, expected="one of " + ", ".join(choices), value=raw)
    return by_upper[raw.strip().upper()]


def env_timezone(name: str, default: str) -> str:
    """An IANA time zone name; Django would otherwise stop with a traceback at start-up."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    raw = env_str(name, default) or default
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("S003", name=name, expected="a time zone name such as Europe/London or UTC", value=raw) from None
    return raw


def alliance_home() -> Path:
    """Where the embedded database, secret key and uploads live (``ALLIANCE_HOME``)."""
    raw = os.environ.get("ALLIANCE_HOME")
    if raw:
        return Path(raw).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("alliance", appauthor=False))
