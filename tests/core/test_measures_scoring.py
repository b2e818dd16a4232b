"""Scoring PHQ-9, GAD-7 and the relationship check-in exactly as published (or as documented, for ours)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance.errors import MeasureError
from alliance.measures import get_instrument, score


def answers_summing_to(total, count, top=3):
    """A valid answer vector with the given sum: fill items from the first, `top` at a time."""
    answers = []
    for _ in range(count):
        answers.append(min(top, total))
        total -= answers[-1]
    assert total == 0
    return answers


# Published bands: Kroenke et al. 2001 (PHQ-9), Spitzer et al. 2006 (GAD-7).
PHQ9_BOUNDARIES = [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
                   (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"), (27, "severe"), (0, "minimal")]
GAD7_BOUNDARIES = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
                   (15, "severe"), (21, "severe")]


@pytest.mark.parametrize("total,band", PHQ9_BOUNDARIES)
def test_phq9_totals_at_each_band_boundary_fall_in_the_published_band(total, band):
    result = score("phq-9", answers_summing_to(total, 9))
    assert (result.total, result.severity) == (total, band)


@pytest.mark.parametrize("total,band", GAD7_BOUNDARIES)
def test_gad7_totals_at_each_band_boundary_fall_in_the_published_band(total, band):
    result = score("gad-7", answers_summing_to(total, 7))
    assert (result.total, result.severity) == (total, band)


@pytest.mark.parametrize("instrument_id,count,below,at", [("phq-9", 9, 9, 10), ("gad-7", 7, 7, 8)])
def test_caseness_starts_exactly_at_the_published_cut_off(instrument_id, count, below, at):
    assert score(instrument_id, answers_summing_to(below, count)).caseness is False
    assert score(instrument_id, answers_summing_to(at, count)).caseness is True


def test_any_answer_above_zero_on_phq9_item_9_is_a_critical_item():
    quiet = score("phq-9", [0] * 9)
    flagged = score("phq-9", [0] * 8 + [1])
    assert quiet.critical_items == ()
    assert [(c.item, c.answer) for c in flagged.critical_items] == [(9, 1)]


def test_too_few_answers_are_refused_with_a_sentence_naming_instrument_count_and_range():
    with pytest.raises(MeasureError) as caught:
        score("phq-9", [1, 2, 3])
    assert str(caught.value) == "PHQ-9 needs 9 answers, each a whole number from 0 to 3; you gave 3."


def test_an_answer_out_of_range_is_refused_with_its_position():
    with pytest.raises(MeasureError) as caught:
        score("gad-7", [0, 0, 4, 0, 0, 0, 0])
    assert str(caught.value) == "GAD-7 needs 7 answers, each a whole number from 0 to 3; answer 3 is 4."


def test_phq9_with_an_unanswered_item_is_not_scored_under_the_conservative_rule():
    with pytest.raises(MeasureError) as caught:
        score("phq-9", [1, 1, None, 1, 1, 1, 1, 1, 1])
    assert str(caught.value) == (
        "PHQ-9 cannot be scored: 1 of its 9 answers are missing (answer 3) and it allows at most 0 missing."
    )


def test_relationship_checkin_is_the_mean_of_its_answers_and_prorates_one_missing_item():
    full = score("relationship-checkin", [4, 3, 3, 4, 2])
    one_missing = score("relationship-checkin", [4, 4, None, 2, 4])
    assert full.total == pytest.approx((4 + 3 + 3 + 4 + 2) / 5)
    assert (one_missing.total, one_missing.prorated, one_missing.missing) == (3.5, True, (3,))
    with pytest.raises(MeasureError):
        score("relationship-checkin", [4, None, None, 4, 4])


def test_relationship_checkin_is_worth_a_conversation_below_mostly_or_with_any_low_item():
    assert score("relationship-checkin", [4, 4, 4, 4, 4]).worth_a_conversation is False
    assert score("relationship-checkin", [3, 3, 3, 3, 2]).worth_a_conversation is True  # mean 2.8
    one_low = score("relationship-checkin", [4, 4, 4, 4, 1])  # mean 3.4, but one 'A little'
    assert (one_low.worth_a_conversation, one_low.low_items) == (True, (5,))


@pytest.mark.parametrize("instrument_id", ["phq-9", "gad-7", "relationship-checkin"])
@given(data=st.data())
def test_any_valid_answer_vector_scores_in_range_and_in_a_band_that_covers_it(instrument_id, data):
    instrument = get_instrument(instrument_id)
    answers = data.draw(
        st.lists(st.integers(instrument.min_answer, instrument.max_answer),
                 min_size=len(instrument.items), max_size=len(instrument.items))
    )
    result = score(instrument_id, answers)
    expected = sum(answers) if instrument.scoring_method == "sum" else round(sum(answers) / len(answers), 2)
    band = next(b for b in instrument.bands if b.id == result.severity)
    assert result.total == expected
    assert instrument.min_total <= result.total <= instrument.max_total
    assert band.min <= result.total <= band.max
