"""The README's examples, run again: the analysis it shows, its library example, the commands that need no data.

They run on the sample that ships with Alliance, so a change to the coder, the feedback or the report
that alters what a reader would see fails here until the README is updated.
"""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliance.cli import common
from alliance.cli.main import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
WIDTH = 100  # the README's blocks were printed 100 columns wide


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def test_the_analysis_the_readme_shows_is_what_alliance_analyze_prints(monkeypatch):
    command, shown = re.search(r"```\n\$ (alliance analyze [^\n]*)\n(.*?)```", README, re.S).groups()
    monkeypatch.setattr(common.console, "_width", WIDTH)  # restored exactly afterwards
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == lines(shown)


def test_the_library_example_gives_the_values_its_comments_say(monkeypatch):
    block = re.search(r"### As a library.*?```python\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(REPO)
    namespace: dict = {}
    checked = 0
    for line in block.splitlines():
        code, _, comment = line.partition("  # ")
        try:
            expected = ast.literal_eval(comment.strip()) if comment else None
        except (ValueError, SyntaxError):
            comment = ""  # a comment in words, not a value
        if comment:
            assert eval(code, namespace) == expected, line  # noqa: S307 - the README's own example
            checked += 1
        elif code.strip():
            exec(code, namespace)  # noqa: S102 - the README's own example
    assert checked >= 3


@pytest.mark.parametrize("command", [c for c in re.findall(r"^(alliance measures [^\n#]*)", README, re.M)])
def test_the_readme_commands_that_need_no_data_run(command):
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
