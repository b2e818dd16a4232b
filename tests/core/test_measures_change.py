"""Reliable change and its categories: published values, Jacobson-Truax, caseness crossings."""

import math

import pytest

from alliance.errors import MeasureError
from alliance.measures import change, jacobson_truax_threshold, score


@pytest.mark.parametrize("instrument_id,published", [("phq-9", 6), ("gad-7", 4)])
def test_a_change_exactly_at_the_published_value_is_reliable_and_one_point_less_is_not(instrument_id, published):
    at = change(instrument_id, 20, 20 - published)
    below = change(instrument_id, 20, 20 - published + 1)
    assert (at.reliable, at.threshold, at.method) == (True, published, "published")
    assert (below.reliable, below.category) == (False, "unchanged")


def test_reliable_improvement_that_crosses_out_of_caseness_is_recovered():
    result = change("phq-9", 15, 9)  # 15 is a case (>= 10), 9 is not
    assert (result.category, result.caseness_before, result.caseness_after) == ("recovered", True, False)


def test_reliable_improvement_that_stays_in_caseness_is_improved_not_recovered():
    assert change("phq-9", 22, 16).category == "improved"


def test_reliable_improvement_for_someone_who_started_below_caseness_is_improved():
    assert change("gad-7", 7, 2).category == "improved"  # never a case, so never "recovered"


def test_gad7_recovery_needs_crossing_below_8():
    assert change("gad-7", 12, 8).category == "improved"  # still at caseness 8
    assert change("gad-7", 12, 7).category == "recovered"


def test_a_reliable_rise_in_symptoms_is_deteriorated():
    result = change("phq-9", 8, 14)
    assert (result.category, result.direction, result.change) == ("deteriorated", "deterioration", 6)


def test_change_accepts_scores_as_well_as_totals():
    before = score("gad-7", [3, 3, 3, 1, 0, 0, 0])
    after = score("gad-7", [1, 1, 1, 0, 0, 0, 0])
    assert change("gad-7", before, after).category == "recovered"


def test_jacobson_truax_threshold_is_1_96_times_sd_times_root_2_times_root_1_minus_r():
    assert jacobson_truax_threshold(5.0, 0.84) == pytest.approx(1.96 * 5.0 * math.sqrt(2) * math.sqrt(0.16))
    assert jacobson_truax_threshold(4.0, 0.0) == pytest.approx(1.96 * 4.0 * math.sqrt(2))


def test_jacobson_truax_is_refused_when_the_instrument_gives_no_sd_or_reliability():
    with pytest.raises(MeasureError) as caught:
        change("phq-9", 15, 9, method="jacobson_truax")
    assert str(caught.value) == (
        "Jacobson-Truax reliable change for PHQ-9 needs its standard deviation and reliability, "
        "and the instrument file gives none."
    )


def test_the_relationship_checkin_has_no_reliable_change_and_says_so():
    with pytest.raises(MeasureError) as caught:
        change("relationship-checkin", 4, 3)
    assert caught.value.code == "M009"


def test_a_total_outside_the_instrument_range_is_refused():
    with pytest.raises(MeasureError) as caught:
        change("gad-7", 22, 10)
    assert str(caught.value) == "GAD-7 totals run from 0 to 21; the first total 22 is outside that range."
