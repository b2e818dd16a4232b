"""Every error sentence the CLI shows comes from the catalogue (alliance/errors.py, docs/errors.md)."""

from pathlib import Path

import alliance

SRC = Path(alliance.__file__).parent


def test_only_the_cli_error_helper_prints_error_and_it_prints_catalogue_messages():
    printing = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "Error:[/]" in text or '"Error:' in text:
            printing.append(str(path.relative_to(SRC)))
    assert printing == ["cli/common.py"]  # friendly_errors: "Error: " and str() of an AllianceError
