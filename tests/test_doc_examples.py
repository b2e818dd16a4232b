"""The library examples in docs/*.md, run again where they need no file of the reader's own.

A comment after an example line says what it gives; these tests hold the code to it, so an
example cannot drift from the code (the README's own examples: tests/test_readme.py).
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def example(doc: str) -> str:
    """The first ```python block of a document."""
    return re.search(r"```python\n(.*?)```", (DOCS / doc).read_text(encoding="utf-8"), re.S).group(1)


def run(code: str) -> dict:
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the documentation's own example
    return namespace


def test_the_practice_example_runs():
    found = run(example("practice.md"))
    assert found["verdict"].outcome


def test_the_measures_example_scores_and_classifies_change_as_its_comments_say():
    block = example("measures.md")
    assert '# Score: total 8, severity "mild", caseness True' in block
    assert '# Change: reliable, category "recovered"' in block
    found = run(block.split("for alert in")[0])
    result, moved = found["result"], found["moved"]
    assert (type(result).__name__, result.total, result.severity, result.caseness) == ("Score", 8, "mild", True)
    assert (type(moved).__name__, moved.reliable, moved.category) == ("Change", True, "recovered")


def test_the_goal_attainment_example_gives_the_t_scores_its_comments_say():
    block = example("goals.md")
    first, rest = block.split("t_score_over_time(", 1)
    found = run(first.replace("t_score([", "single = t_score(["))
    assert "# 45.98…" in block and f"{found['single']:.2f}" == "45.98"
    points = eval("t_score_over_time(" + rest.split("  #")[0], found)  # noqa: S307 - the documentation's own example
    shown = "[" + ", ".join(f"TPoint(on={p.on}, t_score={p.t_score}, goals={p.goals})" for p in points) + "]"
    assert f"# {shown}" in block
