"""Goal attainment scaling: the Kiresuk–Sherman T-score and how it moves over time."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance.errors import MeasureError
from alliance.measures.gas import GoalLevel, Rating, t_score, t_score_over_time

levels = st.integers(min_value=-2, max_value=2)
weights = st.integers(min_value=1, max_value=10)
goal_sets = st.lists(st.tuples(levels, weights), min_size=1, max_size=8)


def _goals(pairs):
    return [GoalLevel(f"g{i}", level, weight) for i, (level, weight) in enumerate(pairs)]


def test_every_goal_at_its_expected_level_gives_fifty():
    assert t_score(_goals([(0, 1), (0, 3), (0, 2)])) == pytest.approx(50)


@given(levels, weights)
def test_one_goal_scores_fifty_plus_ten_per_level_whatever_its_weight(level, weight):
    assert t_score([GoalLevel("g", level, weight)]) == pytest.approx(50 + 10 * level)


def test_three_equally_weighted_goals_match_the_formula_worked_by_hand():
    # 10 * (1 + 2 - 1) / sqrt(0.7 * 3 + 0.3 * 9) = 20 / sqrt(4.8)
    assert t_score(_goals([(1, 1), (2, 1), (-1, 1)])) == pytest.approx(50 + 20 / math.sqrt(4.8))


def test_weights_count_in_both_the_sum_and_the_denominator():
    # 10 * (2*1 + 1*-1) / sqrt(0.7 * 5 + 0.3 * 9) = 10 / sqrt(6.2)
    assert t_score(_goals([(1, 2), (-1, 1)])) == pytest.approx(50 + 10 / math.sqrt(6.2))


def test_with_rho_zero_the_denominator_is_the_root_of_the_summed_squared_weights():
    assert t_score(_goals([(2, 1), (2, 1)]), rho=0) == pytest.approx(50 + 40 / math.sqrt(2))


def test_no_goals_give_no_score():
    assert t_score([]) is None


@given(goal_sets)
def test_mirroring_every_level_mirrors_the_score_around_fifty(pairs):
    mirrored = [(-level, weight) for level, weight in pairs]
    assert t_score(_goals(pairs)) + t_score(_goals(mirrored)) == pytest.approx(100)


@given(goal_sets, st.data())
def test_raising_one_goal_by_a_level_never_lowers_the_score(pairs, data):
    index = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    level, weight = pairs[index]
    if level == 2:
        return
    raised = list(pairs)
    raised[index] = (level + 1, weight)
    assert t_score(_goals(raised)) > t_score(_goals(pairs))


@given(goal_sets)
def test_the_score_stays_between_the_all_minus_two_and_all_plus_two_scores(pairs):
    low = t_score(_goals([(-2, w) for _, w in pairs]))
    high = t_score(_goals([(2, w) for _, w in pairs]))
    assert low - 1e-9 <= t_score(_goals(pairs)) <= high + 1e-9


@pytest.mark.parametrize("level", [3, -3, 1.5, "1", True])
def test_a_level_outside_minus_two_to_plus_two_is_refused_with_a_plain_message(level):
    with pytest.raises(MeasureError) as caught:
        t_score([GoalLevel("Sleep", level)])
    assert str(caught.value) == f"Goal 'Sleep': {level!r} is not a goal attainment level (expected a whole number from -2 to +2)."


@pytest.mark.parametrize("weight", [0, -1, float("nan")])
def test_a_weight_that_is_not_positive_is_refused(weight):
    with pytest.raises(MeasureError) as caught:
        t_score([GoalLevel("Sleep", 1, weight)])
    assert str(caught.value) == f"Goal 'Sleep': the weight must be a positive number, not {weight!r}."


def test_a_correlation_outside_zero_to_one_is_refused():
    with pytest.raises(MeasureError) as caught:
        t_score([GoalLevel("Sleep", 1)], rho=1.5)
    assert str(caught.value) == "The correlation between goals (rho) must be a number from 0 to 1, not 1.5."


def test_over_time_each_goal_keeps_its_latest_level_until_it_is_rated_again():
    ratings = [
        Rating("sleep", date(2026, 9, 1), -1),
        Rating("work", date(2026, 9, 15), -2),
        Rating("sleep", date(2026, 10, 1), 1),
    ]
    points = t_score_over_time(ratings, {"sleep": 1, "work": 1})
    assert [p.on for p in points] == [date(2026, 9, 1), date(2026, 9, 15), date(2026, 10, 1)]
    assert [p.goals for p in points] == [1, 2, 2]
    assert points[0].t_score == pytest.approx(40)
    assert points[1].t_score == pytest.approx(t_score([GoalLevel("sleep", -1), GoalLevel("work", -2)]))
    assert points[2].t_score == pytest.approx(t_score([GoalLevel("sleep", 1), GoalLevel("work", -2)]))


def test_over_time_goals_not_named_in_the_weights_are_left_out():
    ratings = [Rating("sleep", date(2026, 9, 1), 2), Rating("stopped", date(2026, 9, 1), -2)]
    points = t_score_over_time(ratings, {"sleep": 1})
    assert [(p.t_score, p.goals) for p in points] == [(pytest.approx(70), 1)]


def test_over_time_the_later_of_two_ratings_on_one_day_wins_and_input_order_of_days_does_not_matter():
    ratings = [
        Rating("sleep", date(2026, 10, 1), 2),
        Rating("sleep", date(2026, 9, 1), -2),
        Rating("sleep", date(2026, 9, 1), 0),
    ]
    points = t_score_over_time(ratings, {"sleep": 1})
    assert [(p.on, p.t_score) for p in points] == [(date(2026, 9, 1), pytest.approx(50)), (date(2026, 10, 1), pytest.approx(70))]


def test_over_time_with_no_ratings_there_are_no_points():
    assert t_score_over_time([], {"sleep": 1}) == []
