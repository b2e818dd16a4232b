"""A learner's (or a group's) progress: per skill, a trend over practice sessions; per scenario topic.

Counts only what the verdicts asserted (the claims rule), so a share is "of your responses,
how many Alliance could say for sure were reflections". It compares a person with their own
past; nothing here ranks people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from alliance.practice.scenarios import PRINCIPLES

MEASURES = (
    ("reflection", "Reflections", (("behaviour", "reflection"),)),
    ("complex_reflection", "Complex reflections", (("behaviour", "reflection"), ("reflection", "complex"))),
    ("open_question", "Open questions", (("behaviour", "question"), ("question", "open"))),
)


@dataclass(frozen=True)
class DrillAttempt:
    when: datetime
    task: str
    claims: tuple  # ((field, value), ...) as asserted by the verdict
    outcome: str


@dataclass(frozen=True)
class ScenarioAttempt:
    when: datetime
    principle: str
    correct: bool


@dataclass(frozen=True)
class Point:
    session: date
    share: float  # 0..1
    responses: int


@dataclass(frozen=True)
class SkillTrend:
    key: str
    label: str
    points: tuple[Point, ...]

    @property
    def summary(self) -> str:
        if not self.points:
            return "No responses yet."
        last = self.points[-1]
        if len(self.points) == 1:
            return f"{last.share:.0%} of your {last.responses} responses in your first session."
        first = self.points[0]
        change = "about the same as" if abs(last.share - first.share) < 0.05 else ("up from" if last.share > first.share else "down from")
        return f"{last.share:.0%} in your latest session, {change} {first.share:.0%} in your first."


@dataclass(frozen=True)
class TopicRow:
    principle: str
    answered: int
    correct: int
    latest_correct: bool | None

    @property
    def share(self) -> float | None:
        return self.correct / self.answered if self.answered else None


def _session(when: datetime) -> date:
    return when.date()


def skill_progress(attempts: list[DrillAttempt]) -> list[SkillTrend]:
    """Per skill: for each practice session (a calendar day), the share of responses asserted to show it."""
    by_day: dict[date, list[DrillAttempt]] = {}
    for a in sorted(attempts, key=lambda a: a.when):
        by_day.setdefault(_session(a.when), []).append(a)
    out = []
    for key, label, needs in MEASURES:
        points = []
        for day, items in by_day.items():
            hits = sum(1 for a in items if all(tuple(c) in {tuple(x) for x in a.claims} for c in needs))
            points.append(Point(day, hits / len(items), len(items)))
        out.append(SkillTrend(key, label, tuple(points)))
    return out


def topic_progress(answers: list[ScenarioAttempt]) -> list[TopicRow]:
    rows = []
    for principle in PRINCIPLES:
        mine = sorted((a for a in answers if a.principle == principle), key=lambda a: a.when)
        rows.append(TopicRow(principle, len(mine), sum(a.correct for a in mine), mine[-1].correct if mine else None))
    return rows
