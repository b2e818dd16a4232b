"""The demo's practice room: a learner with a few weeks of history, a classmate, and an assignment.

``demo-learner`` (password alliance-demo) is a student on placement with North Team: no
caseload, no client records. Their drill verdicts are made by the real coder at build time,
so the stored codes are what Alliance would say today. The supervisor sees the assignment's
completion on /practice-room/team/.
"""

from __future__ import annotations

from datetime import timedelta

from alliance.practice import answer, get_scenario, load_drills, load_scenarios, respond
from alliance.records import builders
from alliance.records.models import PracticeAssignment, PracticeAttempt, Role

LEARNER = "demo-learner"
# (days before today, drill task, what the learner typed): early sessions lean on questions, later ones reflect more.
RESPONSES = [
    (16, "reflect", "Why do you think that is?"),
    (16, "reflect", "Have you tried talking to someone about it?"),
    (16, "open_question", "Do you want to change that?"),
    (9, "reflect", "So you feel stretched thin, with nothing left for yourself."),
    (9, "open_question", "What would you like to be different?"),
    (9, "complex_reflection", "Part of you wants things to change, and part of you is scared of what that would cost."),
    (2, "reflect", "You're worried it might go wrong again."),
    (2, "open_question", "What would help you most right now?"),
    (2, "complex_reflection", "You've been carrying this on your own for a long time."),
    (2, "repair_rupture", "You're right, I went back to my questions when you were telling me what matters most."),
]
# (days before, scenario principle, which: "best" or "miss")
ANSWERS = [(16, "ruptures", "miss"), (16, "trust", "best"), (9, "ruptures", "best"), (9, "boundaries", "miss"),
           (2, "empathy", "best"), (2, "boundaries", "best")]


def extend(world) -> None:
    from alliance.records.demo import DEMO_PASSWORD

    north = world.teams["north"]
    learner = builders.make_user(LEARNER, role=Role.LEARNER, team=north, first_name="Noor", last_name="Haddad",
                                 is_demo=True, password=DEMO_PASSWORD)
    classmate = builders.make_user("ellis.park", role=Role.LEARNER, team=north, first_name="Ellis", last_name="Park",
                                   is_demo=True)
    world.users[LEARNER] = learner
    world.users["ellis.park"] = classmate
    by_task: dict[str, list] = {}
    for d in load_drills():
        by_task.setdefault(d.task, []).append(d)
    used: dict[str, int] = {}
    for days, task, text in RESPONSES:
        drill = by_task[task][used.get(task, 0) % len(by_task[task])]
        used[task] = used.get(task, 0) + 1
        _drill_attempt(learner, drill, text, world.today - timedelta(days=days, hours=-10))
    scenarios = load_scenarios()
    for days, principle, which in ANSWERS:
        s = next(s for s in scenarios if s.principle == principle)
        letter = s.best.letter if which == "best" else next(o.letter for o in s.options if not o.best)
        _scenario_attempt(learner, s.id, letter, world.today - timedelta(days=days, hours=-11))
    PracticeAssignment.objects.create(
        team=north, title="Week 1: reflections and ruptures", created_by=world.users["demo-supervisor"],
        drill_ids=[d.id for d in by_task["reflect"][:3]],
        scenario_ids=[s.id for s in scenarios if s.principle == "ruptures"][:2], created_at=world.today - timedelta(days=17),
    )
    # The classmate has started it: one drill done.
    _drill_attempt(classmate, by_task["reflect"][0], "It sounds like you'd only change if something forced you to.",
                   world.today - timedelta(days=3, hours=-14))


def _drill_attempt(user, drill, text, when):
    verdict = respond(drill, text)
    PracticeAttempt.objects.create(learner=user, kind="drill", item_id=drill.id, task=drill.task, response=text,
                                   claims=[list(c) for c in verdict.claims], outcome=verdict.outcome, stage=verdict.stage,
                                   created_at=when)


def _scenario_attempt(user, scenario_id, letter, when):
    s = get_scenario(scenario_id)
    result = answer(s, letter)
    PracticeAttempt.objects.create(learner=user, kind="scenario", item_id=s.id, principle=s.principle,
                                   choice=letter, correct=result.correct, created_at=when)
