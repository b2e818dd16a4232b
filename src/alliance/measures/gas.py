"""Goal attainment scaling (Kiresuk & Sherman, 1968): the T-score of a client's goals.

Each goal has five levels written with the client, from -2 (much less than expected)
through 0 (the expected outcome) to +2 (much more than expected). The summary T-score is

    T = 50 + 10 * sum(w_i * x_i) / sqrt((1 - rho) * sum(w_i^2) + rho * (sum(w_i))^2)

with x_i the level reached on goal i, w_i its weight and rho the assumed correlation
between goals (0.3 by convention). T is 50 when every goal sits at its expected level;
with one goal it is simply 50 + 10 * level. Pure Python: no Django here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from alliance.errors import MeasureError

DEFAULT_RHO = 0.3
LEVELS = (-2, -1, 0, 1, 2)
LEVEL_NAMES = {
    -2: "much less than expected",
    -1: "somewhat less than expected",
    0: "the expected outcome",
    1: "somewhat more than expected",
    2: "much more than expected",
}


@dataclass(frozen=True)
class GoalLevel:
    """Where one goal stands: its level (-2 … +2) and its weight."""

    goal: str
    level: int
    weight: float = 1.0


@dataclass(frozen=True)
class Rating:
    """One goal rated on one day."""

    goal: str
    on: date
    level: int


@dataclass(frozen=True)
class TPoint:
    """The T-score on one day, from the latest rating of each goal rated so far."""

    on: date
    t_score: float
    goals: int  # how many goals had a rating by then


def format_level(level: int) -> str:
    """−2, −1, 0, +1, +2, with a true minus sign (screen readers say "minus", not "dash")."""
    return "0" if level == 0 else f"{level:+d}".replace("-", "\u2212")


def _check_level(goal: str, level) -> None:
    if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
        raise MeasureError("P001", goal=goal, level=level)


def _check_weight(goal: str, weight) -> None:
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight <= 0:
        raise MeasureError("P002", goal=goal, weight=weight)


def _check_rho(rho) -> None:
    if isinstance(rho, bool) or not isinstance(rho, (int, float)) or not 0 <= rho <= 1:
        raise MeasureError("P003", rho=rho)


def t_score(levels: Iterable[GoalLevel], *, rho: float = DEFAULT_RHO) -> float | None:
    """The Kiresuk–Sherman T-score of these goals, or None when there are none."""
    _check_rho(rho)
    levels = list(levels)
    if not levels:
        return None
    for item in levels:
        _check_level(item.goal, item.level)
        _check_weight(item.goal, item.weight)
    weighted = sum(item.weight * item.level for item in levels)
    sum_w = sum(item.weight for item in levels)
    sum_w2 = sum(item.weight**2 for item in levels)
    return 50 + 10 * weighted / math.sqrt((1 - rho) * sum_w2 + rho * sum_w**2)


def t_score_over_time(ratings: Iterable[Rating], weights: Mapping[str, float], *, rho: float = DEFAULT_RHO) -> list[TPoint]:
    """The T-score on each day a goal was rated, carrying each goal's latest level forward.

    Only goals named in ``weights`` count (pass the client's active goals). Two ratings of
    one goal on the same day: the later one in ``ratings`` wins.
    """
    _check_rho(rho)
    for goal, weight in weights.items():
        _check_weight(goal, weight)
    wanted = [r for r in ratings if r.goal in weights]
    for rating in wanted:
        _check_level(rating.goal, rating.level)
    by_day: dict[date, list[Rating]] = {}
    for rating in wanted:
        by_day.setdefault(rating.on, []).append(rating)
    current: dict[str, int] = {}
    points = []
    for day in sorted(by_day):
        for rating in by_day[day]:
            current[rating.goal] = rating.level
        score = t_score((GoalLevel(goal, level, weights[goal]) for goal, level in current.items()), rho=rho)
        points.append(TPoint(on=day, t_score=score, goals=len(current)))
    return points
