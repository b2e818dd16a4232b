"""The "Goals" section of the client page: each goal's five levels in the client's words, its ratings,
and the goal attainment T-score over time (alliance.measures.gas). Also the client's timeline."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from alliance.measures.gas import LEVEL_NAMES, Rating, format_level, t_score_over_time
from alliance.records.models import Goal, GoalRating
from alliance.web.charts import Line, Point, line_chart
from alliance.web.timeline import client_timeline

CLIENT_TEMPLATE = "alliance/_goals_section.html"


@dataclass
class GoalLevelRow:
    level: int
    label: str
    name: str
    text: str
    current: bool


def _levels(goal) -> list[GoalLevelRow]:
    last = goal.rating_list[-1].level if goal.rating_list else None
    return [
        GoalLevelRow(level, format_level(level), LEVEL_NAMES[level], text, level == last)
        for level, text in sorted(goal.level_texts().items(), reverse=True)
    ]


def gas_series(goals) -> list:
    """The T-score over time from the active goals' ratings."""
    active = [g for g in goals if g.status == Goal.Status.ACTIVE]
    ratings = [Rating(str(g.pk), r.rated_on, r.level) for g in active for r in g.rating_list]
    return t_score_over_time(ratings, {str(g.pk): g.weight for g in active})


def client_context(request, client, can_write: bool) -> dict:
    goals = list(
        client.goals.prefetch_related(
            Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_on", "created_by_id"), to_attr="rating_list")
        )
    )
    for goal in goals:
        goal.level_rows = _levels(goal)
        texts = goal.level_texts()
        goal.rating_rows = [  # the level in the client's words beside its number: "+1 (Sleeping through most nights)"
            (r.rated_on, format_level(r.level) + (f" ({texts[r.level]})" if texts.get(r.level) else ""))
            for r in goal.rating_list
        ]
        goal.has_levels = any(goal.level_texts().values())
    series = gas_series(goals)
    chart = None
    if series:
        chart = line_chart(
            [Point(p.on.strftime("%-d %b"), round(p.t_score, 1)) for p in series],
            title="Goal attainment T-score over time", y_min=20, y_max=80,
            lines=[Line(50, "50: where we expected to be")], y_label="T-score (50 = as expected)",
        )
    return {
        "gas_goals": goals,
        "gas_series": [(p.on, round(p.t_score, 1), p.goals) for p in series],
        "gas_latest": round(series[-1].t_score, 1) if series else None,
        "gas_chart": chart,
        "gas_can_write": can_write,
        "timeline": client_timeline(client, request.user, goals),
    }
