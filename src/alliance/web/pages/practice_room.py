"""The practice room's page data: a person's history as the core's types, the next items, team completion.

Views stay thin (alliance.web.practice_room_views); the judging, spacing and progress are in
alliance.practice. Nothing here touches client records. Not to be confused with "My
practice" (alliance.web.pages.practice), a practitioner's trends from their analysed sessions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from alliance.practice import (
    DrillAttempt,
    ScenarioAttempt,
    Seen,
    load_drills,
    load_scenarios,
    next_items,
    skill_progress,
    topic_progress,
)
from alliance.practice.tasks import TASKS
from alliance.records.models import PracticeAssignment, PracticeAttempt, Role, User

# Who may practise: everyone with an account but administrators (who manage accounts, not practice).
PRACTISING_ROLES = (Role.LEARNER, Role.PRACTITIONER, Role.SUPERVISOR)


def may_practise(user) -> bool:
    return user.is_authenticated and user.role in PRACTISING_ROLES


def may_assign(user) -> bool:
    return user.is_authenticated and user.role == Role.SUPERVISOR and bool(user.team_id)


def attempts_of(user, kind: str | None = None):
    qs = PracticeAttempt.objects.filter(learner=user)
    return qs.filter(kind=kind) if kind else qs


def _seen(rows) -> list[Seen]:
    return [Seen(r.item_id, r.created_at, (r.outcome == "met") if r.kind == "drill" else bool(r.correct)) for r in rows]


def next_drill_id(user, within: list[str] | None = None) -> str:
    ids = within or [d.id for d in load_drills()]
    history = [s for s in _seen(attempts_of(user, "drill").only("item_id", "created_at", "outcome", "kind")) if s.item_id in ids]
    return next_items(ids, history, timezone.now())[0]


def next_scenario_id(user, within: list[str] | None = None) -> str:
    ids = within or [s.id for s in load_scenarios()]
    history = [s for s in _seen(attempts_of(user, "scenario").only("item_id", "created_at", "correct", "kind")) if s.item_id in ids]
    return next_items(ids, history, timezone.now())[0]


def drill_attempts(rows) -> list[DrillAttempt]:
    return [DrillAttempt(r.created_at, r.task, tuple(tuple(c) for c in r.claims), r.outcome) for r in rows]


def scenario_attempts(rows) -> list[ScenarioAttempt]:
    return [ScenarioAttempt(r.created_at, r.principle, bool(r.correct)) for r in rows]


def progress(rows) -> dict:
    """Skill trends and topic rows from attempt rows (one person's, or a group's together)."""
    drills = [r for r in rows if r.kind == "drill"]
    scenarios = [r for r in rows if r.kind == "scenario"]
    return {
        "skills": skill_progress(drill_attempts(drills)),
        "topics": topic_progress(scenario_attempts(scenarios)),
        "drill_count": len(drills),
        "scenario_count": len(scenarios),
        "missed_due": _missed_due(scenarios),
    }


def _missed_due(rows) -> int:
    from alliance.practice.spacing import due_again

    return len(due_again(_seen(rows), timezone.now()))


@dataclass
class Completion:
    person: User
    done: int
    total: int

    @property
    def state(self) -> str:
        if self.done >= self.total:
            return "Completed"
        return "In progress" if self.done else "Not started"


def done_items(members: list[User]) -> dict:
    """learner id -> {(kind, item id), ...} they have attempted: one query for the whole group."""
    done: dict = {}
    for learner_id, kind, item_id in PracticeAttempt.objects.filter(learner__in=members).values_list("learner_id", "kind", "item_id"):
        done.setdefault(learner_id, set()).add((kind, item_id))
    return done


def assignment_completion(assignment: PracticeAssignment, members: list[User], done: dict | None = None) -> list[Completion]:
    """Per member (alphabetical, never ranked): how many of the assignment's items they have done."""
    wanted = {("drill", i) for i in assignment.drill_ids} | {("scenario", i) for i in assignment.scenario_ids}
    done = done_items(members) if done is None else done
    return [Completion(m, len(done.get(m.pk, set()) & wanted), len(wanted)) for m in members]


def team_members(team_id) -> list[User]:
    return list(User.objects.filter(team_id=team_id, is_active=True, role__in=(Role.LEARNER, Role.PRACTITIONER))
                .order_by("first_name", "last_name", "username"))


def task_choices() -> list[tuple[str, str]]:
    return [(t.key, t.prompt) for t in TASKS.values()]
