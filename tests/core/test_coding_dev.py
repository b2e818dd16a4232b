"""The shipped coder on AnnoMI's dev portion (needs ../shared/data)."""

from __future__ import annotations

import pytest

from alliance.coding import evaluate
from tests.conftest import DATA_DIR

# What the shipped coder measured on dev when it was trained (docs/coding.md); a drop
# below these floors means a regression.
FLOORS = {"therapist": 0.70, "client": 0.47}
# The issue's targets; not reached yet (see docs/coding.md, "Where we stand").
TARGETS = {"therapist": 0.74, "client": 0.52}


@pytest.fixture(scope="module")
def dev_scores():
    path = DATA_DIR / "annomi" / "dev.csv"
    return {task: evaluate(path, task, bootstrap=0) for task in ("therapist", "client")}


@pytest.mark.data
@pytest.mark.parametrize("task", ["therapist", "client"])
def test_the_shipped_coder_stays_above_its_measured_floor_on_dev(dev_scores, task):
    assert dev_scores[task]["macro_f1"] >= FLOORS[task]


@pytest.mark.data
@pytest.mark.xfail(strict=True, reason="the issue's dev targets are not reached yet; see docs/coding.md")
@pytest.mark.parametrize("task", ["therapist", "client"])
def test_the_shipped_coder_meets_the_issue_targets_on_dev(dev_scores, task):
    assert dev_scores[task]["macro_f1"] >= TARGETS[task]
