"""Size limits the CLI checks before reading a file, so a huge file is refused at once, not after minutes."""

from __future__ import annotations

from pathlib import Path

from alliance.errors import AllianceError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # the same default as the web upload limit


def human_size(size: int) -> str:
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


def check_transcript_size(path: Path) -> None:
    """Refuse a transcript larger than ALLIANCE_MAX_UPLOAD_BYTES (N002); a missing file is left to the reader."""
    from alliance.web.env import env_int

    limit = env_int("ALLIANCE_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES, minimum=1024)
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > limit:
        raise AllianceError("N002", path=str(path), size=human_size(size), limit=human_size(limit))
