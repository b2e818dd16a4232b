"""The alliance command as a person runs it: a subprocess with its own ALLIANCE_HOME (fixtures: tests/cli/conftest.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

STRIPPED = {"DATABASE_URL", "DATABASE_URL_FILE", "SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "ALLIANCE_HTTPS"}


def alliance(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run the CLI with its own ALLIANCE_HOME; output with Rich's line wrapping undone."""
    clean = {k: v for k, v in os.environ.items() if k not in STRIPPED}
    result = subprocess.run(
        [sys.executable, "-m", "alliance.cli.main", *args],
        env={**clean, "ALLIANCE_HOME": str(home), "COLUMNS": "200", "ALLIANCE_LOG_LEVEL": "WARNING", **env},
        capture_output=True, text=True, timeout=120,
    )
    result.out = " ".join(result.stdout.split())
    result.err = " ".join(result.stderr.split())
    return result


def count(home: Path, sql: str) -> int:
    with sqlite3.connect(home / "alliance.sqlite3") as db:
        return db.execute(sql).fetchone()[0]
