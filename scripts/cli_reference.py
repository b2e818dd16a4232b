"""Write docs/cli-reference.md from the real `--help` of every command (checked by tests/test_docs.py).

Usage: .venv/bin/python scripts/cli_reference.py [--check]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli-reference.md"


def _help_text(args: list[str]) -> str:
    os.environ["COLUMNS"] = "100"
    os.environ["NO_COLOR"] = "1"
    os.environ["TERM"] = "dumb"
    os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
    from typer.testing import CliRunner

    from alliance.cli.main import app

    result = CliRunner().invoke(app, [*args, "--help"], prog_name="alliance", env={"COLUMNS": "100", "NO_COLOR": "1"})
    return "\n".join(line.rstrip() for line in result.output.strip().splitlines())


def _commands() -> list[list[str]]:
    import typer.main

    from alliance.cli.main import app

    root = typer.main.get_command(app)
    found: list[list[str]] = []

    def walk(command, path):
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name in sorted(subcommands):
                found.append([*path, name])
                walk(subcommands[name], [*path, name])

    walk(root, [])
    return found


def render() -> str:
    parts = [
        "# Command-line reference",
        "",
        "Generated from each command's `--help` by `scripts/cli_reference.py`; a test fails when it is out of date.",
        "",
        "## alliance",
        "",
        "```",
        _help_text([]),
        "```",
    ]
    for path in _commands():
        parts += ["", f"## alliance {' '.join(path)}", "", "```", _help_text(path), "```"]
    return "\n".join(parts) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
