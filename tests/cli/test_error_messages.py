"""Every error sentence the CLI shows comes from the catalogue (alliance/errors.py, docs/errors.md)."""

from pathlib import Path

import alliance

SRC = Path(alliance.__file__).parent


def test_only_the_cli_error_helper_prints_error_and_it_prints_catalogue_messages():
    printing = sorted(str(path.relative_to(SRC)) for path in SRC.rglob("*.py") if "Error:[/]" in path.read_text(encoding="utf-8")
                      or '"Error:' in path.read_text(encoding="utf-8"))
    assert printing == ["cli/common.py"]
