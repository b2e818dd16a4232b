"""Turn DATABASE_URL into Django's DATABASES entry; SQLite gets WAL and a busy timeout."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from alliance.errors import ConfigError

SQLITE_OPTIONS = {
    # WAL lets readers work while one writer commits; synchronous=FULL makes every
    # acknowledged commit durable across a power cut or crash.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


# Alliance is tested on these two; any other scheme would fail later with a traceback (a missing driver).
SUPPORTED_SCHEMES = ("postgres", "postgresql", "pgsql", "sqlite")


def database_config(url: str | None, home: Path) -> dict:
    if not url:
        home.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{home / 'alliance.sqlite3'}"
    scheme = url.split("://", 1)[0].strip().lower() if "://" in url else ""
    if scheme not in SUPPORTED_SCHEMES:
        detail = f"{scheme}:// is not a database Alliance supports" if scheme else "it has no scheme such as postgres://"
        raise ConfigError("S001", detail=detail)
    try:
        config = dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ConfigError("S001", detail=str(exc) or type(exc).__name__) from None
    engine = config.get("ENGINE", "")
    if not engine:
        raise ConfigError("S001", detail="unknown scheme")
    if engine.endswith("sqlite3"):
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        config.pop("CONN_HEALTH_CHECKS", None)
        name = config.get("NAME") or ""
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        config["TEST"] = {"NAME": None}
    elif "postgresql" in engine:
        config.setdefault("OPTIONS", {})
    return config


def describe(config: dict) -> str:
    """Where the database is, for messages: never the password."""
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return f"SQLite file {config.get('NAME')}"
    return f"{config.get('HOST') or 'localhost'}:{config.get('PORT') or 5432}/{config.get('NAME')}"
