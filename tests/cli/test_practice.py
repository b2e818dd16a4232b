"""`alliance practice`: the drill loop in a real terminal (tmux), and its history file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliance.cli.main import app
from alliance.practice import load_scenarios

ALLIANCE = str(Path(sys.executable).with_name("alliance"))


def test_a_round_of_questions_shows_rationales_and_remembers_a_miss(tmp_path):
    first = load_scenarios()[0]
    wrong = next(o for o in first.options if not o.best)
    history = tmp_path / "history.json"
    result = CliRunner().invoke(app, ["practice", "--questions", "--count", "1", "--history", str(history)],
                                input=f"{wrong.letter}\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Not quite." in out and " ".join(first.best.rationale.split()) in out
    assert "You practised 1 item." in out
    saved = json.loads(history.read_text())
    assert saved[0]["item"] == first.id and saved[0]["correct"] is False


def test_an_unknown_task_is_a_plain_error():
    result = CliRunner().invoke(app, ["practice", "--task", "lecture"])
    assert result.exit_code != 0
    assert "expected one of reflect" in result.output


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (scripts/test installs it)")
@pytest.mark.slow  # drives `alliance practice` in tmux
def test_the_drill_loop_runs_in_a_terminal(tmp_path):
    session = f"alliance-practice-{uuid.uuid4().hex[:8]}"
    env = f"COLUMNS=100 HOME={tmp_path}"
    cmd = f"env {env} {ALLIANCE} practice --task reflect --count 1; echo PRACTICE-DONE; sleep 30"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "50", cmd], check=True)

    def screen() -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout

    def wait_for(text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen()}")

    try:
        shown = wait_for("Your response:")
        assert "Reflect what you heard." in shown and "Client:" in shown
        subprocess.run(["tmux", "send-keys", "-t", session, "You're worried it might go wrong again.", "Enter"], check=True)
        shown = wait_for("PRACTICE-DONE")
        assert "One possible way" in shown
        assert "You practised 1 item." in shown
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)

