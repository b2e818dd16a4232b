"""The practice room's core: drills, verdicts, scenario questions, spaced repetition, progress.

Pure Python (no Django). Public API: ``load_drills``, ``get_drill``, ``respond`` (a typed
response to a drill -> ``Verdict``), ``load_scenarios``, ``get_scenario``, ``answer``,
``next_items`` (spaced repetition), ``skill_progress`` and ``topic_progress``.
"""

from alliance.practice.bank import Drill, get_drill, load_drills
from alliance.practice.progress import (
    DrillAttempt,
    ScenarioAttempt,
    skill_progress,
    topic_progress,
)
from alliance.practice.scenarios import Scenario, answer, get_scenario, load_scenarios
from alliance.practice.spacing import Seen, next_items
from alliance.practice.verdict import Verdict, respond

__all__ = [
    "Drill", "DrillAttempt", "Scenario", "ScenarioAttempt", "Seen", "Verdict", "answer", "get_drill", "get_scenario",
    "load_drills", "load_scenarios", "next_items", "respond", "skill_progress", "topic_progress",
]
