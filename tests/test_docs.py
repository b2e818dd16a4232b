"""Docs that cannot drift: generated references are current, and the README's commands are CI's."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["scripts/cli_reference.py", "scripts/errors_reference.py"])
def test_the_generated_reference_is_up_to_date(script):
    result = subprocess.run([sys.executable, script, "--check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_readme_gives_the_demo_and_test_commands_and_ci_runs_the_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test" in readme
    assert "alliance demo" in readme
    assert "exec bash scripts/test" in ci


def test_every_document_the_readme_links_to_exists():
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (REPO / target).exists(), target
