"""Speech-to-text on AnnoMI dev (bench/eval_captions.py; needs ../shared/data): roles, feedback, the coder.

The benchmark's own functions are run here, so a change that breaks the benchmark (as the
switch to the one AnnoMI reader once did, silently, for its role check) fails a test.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from alliance.coding import load_coder
from alliance.coding.annomi_data import read_annomi_csv
from tests.conftest import DATA_DIR

BENCH = Path(__file__).resolve().parents[2] / "bench"
# Measured when the shipped coder was trained (docs/coding.md, "Speech-to-text"); below them is a regression.
ROLES_RIGHT_FLOOR = {"edited": 18, "captions": 17}
CAPTIONS_THERAPIST_FLOOR = 0.665
GAP_TARGET = 0.03  # the issue: without punctuation, therapist macro-F1 at most 3 points lower


@pytest.fixture(scope="module")
def bench():
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(BENCH))  # eval_captions reads eval_feedback beside it, as when run as a script
        yield importlib.import_module("eval_captions")


@pytest.fixture(scope="module")
def dev():
    return read_annomi_csv(DATA_DIR / "annomi" / "dev.csv")


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize("how", ["edited", "captions"])
def test_the_coder_finds_the_practitioner_with_names_hidden_and_every_sure_guess_is_right(bench, dev, how):
    found = bench.roles(load_coder(), bench.rewrite(dev, how))
    assert found["sessions"] == 19
    assert found["coder_right"] >= ROLES_RIGHT_FLOOR[how]
    assert found["coder_sure_and_right"] == found["coder_sure"] > 0


@pytest.mark.data
@pytest.mark.slow
def test_feedback_on_captions_states_only_what_the_experts_codes_confirm(bench, dev):
    checked = bench.feedback_check(load_coder(), bench.rewrite(dev, "captions"))
    claims = checked["claims"]
    assert claims["held"] + claims["failed"] >= 5  # something is stated, so the precision means something
    assert claims["precision"] >= 0.90
    assert checked["questions"] > checked["checked_items"]  # most moments are offered as questions


@pytest.mark.data
@pytest.mark.slow
def test_captions_are_coded_with_their_own_variant_above_the_measured_floor(bench, dev):
    coder = load_coder()
    captions = bench.rewrite(dev, "captions")
    assert {coder.variant_for(t) for t in captions} == {"captions"}
    assert bench.macro_f1(coder, captions, "therapist") >= CAPTIONS_THERAPIST_FLOOR


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="#9: 3.6 points lower without punctuation on dev; see docs/coding.md, 'Speech-to-text'")
def test_without_punctuation_therapist_macro_f1_drops_at_most_three_points(bench, dev):
    coder = load_coder()
    edited = bench.macro_f1(coder, dev, "therapist")
    captions = bench.macro_f1(coder, bench.rewrite(dev, "captions"), "therapist")
    assert edited - captions <= GAP_TARGET
