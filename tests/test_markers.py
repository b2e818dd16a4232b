"""Tests that start other processes (the CLI, a server, a worker, a terminal) carry the ``slow`` mark,
so ``pytest -m "not slow and not browser"`` is a quick run (docs/architecture.md, "Tests")."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
STARTS_A_PROCESS = re.compile(r"subprocess\.|Popen\(|from tests\.cli\.processes import")
MARKED = re.compile(r"pytest\.mark\.(slow|browser)")
# Modules whose only processes are over in well under a second; each says why it is not slow.
QUICK = {
    "test_docs.py": "the generated references' --check, a fraction of a second each",
    "web/test_jobs.py": "`python -c pass`, to hold the id of a process that has ended",
    "web/test_checkin_messages.py": "the message compiler's --check",
    "web/test_settings.py": "settings read in a fresh interpreter, under a second each",
    "web/test_paper.py": "pdftotext and pdfinfo read a PDF back",
}


def test_every_test_that_starts_a_process_is_marked_slow_or_is_known_to_be_quick():
    unmarked = []
    for path in sorted(TESTS.rglob("test_*.py")):
        name = path.relative_to(TESTS).as_posix()
        if path == Path(__file__) or name in QUICK:
            continue
        text = path.read_text(encoding="utf-8")
        if STARTS_A_PROCESS.search(text) and not MARKED.search(text):
            unmarked.append(name)
    assert unmarked == [], "mark these slow (or, if they are quick, list them in QUICK with why)"


def test_every_quick_exception_still_exists():
    assert [name for name in QUICK if not (TESTS / name).is_file()] == []
