"""Scenario questions: a vignette, four options, one best; every option explains itself."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from functools import lru_cache

from alliance.errors import AllianceError
from alliance.practice.scenario_bank import SCENARIOS

LETTERS = "ABCD"
PRINCIPLES = (
    "trust", "self-determination", "empathy", "cultural humility", "collaboration", "ruptures", "boundaries", "dependency",
)


@dataclass(frozen=True)
class Option:
    letter: str
    text: str
    best: bool
    rationale: str


@dataclass(frozen=True)
class Scenario:
    id: str
    principle: str
    vignette: str
    question: str
    options: tuple[Option, ...]  # in the order shown (a fixed shuffle per scenario)

    @property
    def best(self) -> Option:
        return next(o for o in self.options if o.best)

    def option(self, letter: str) -> Option:
        letter = (letter or "").strip().upper()
        for o in self.options:
            if o.letter == letter:
                return o
        raise AllianceError("L005", choices=", ".join(o.letter for o in self.options), choice=letter)


@dataclass(frozen=True)
class Answer:
    scenario_id: str
    principle: str
    chosen: Option
    best: Option

    @property
    def correct(self) -> bool:
        return self.chosen.best


def _build(row) -> Scenario:
    sid, principle, vignette, question, options = row
    order = list(range(len(options)))
    random.Random(int(hashlib.sha256(sid.encode()).hexdigest()[:8], 16)).shuffle(order)
    shown = tuple(Option(LETTERS[k], *options[i]) for k, i in enumerate(order))
    return Scenario(sid, principle, vignette, question, shown)


@lru_cache(maxsize=1)
def _all() -> tuple[Scenario, ...]:
    return tuple(_build(row) for row in SCENARIOS)


def load_scenarios() -> list[Scenario]:
    return list(_all())


def get_scenario(scenario_id: str) -> Scenario:
    for s in _all():
        if s.id == scenario_id:
            return s
    raise AllianceError("L004", scenario_id=scenario_id)


def answer(scenario: Scenario, letter: str) -> Answer:
    """The learner's choice, checked (raises L005 for a letter that is not an option)."""
    return Answer(scenario.id, scenario.principle, scenario.option(letter), scenario.best)
