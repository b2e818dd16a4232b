"""Spaced repetition (Leitner boxes): a missed item comes back soon, a known one less and less often.

The history is a list of ``Seen(item_id, when, correct)``, oldest first, from any store.
An item's box starts at 0, goes up one with each correct answer and back to 0 with a miss;
it is due again ``INTERVALS[box]`` after it was last seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

INTERVALS = (timedelta(minutes=10), timedelta(days=1), timedelta(days=3), timedelta(days=7), timedelta(days=21))


@dataclass(frozen=True)
class Seen:
    item_id: str
    when: datetime
    correct: bool


@dataclass(frozen=True)
class Card:
    item_id: str
    box: int
    due: datetime
    misses: int


def cards(history: list[Seen]) -> dict[str, Card]:
    out: dict[str, Card] = {}
    for s in sorted(history, key=lambda s: s.when):
        old = out.get(s.item_id)
        box = min((old.box + 1) if old else 1, len(INTERVALS) - 1) if s.correct else 0
        misses = (old.misses if old else 0) + (0 if s.correct else 1)
        out[s.item_id] = Card(s.item_id, box, s.when + INTERVALS[box], misses)
    return out


def next_items(all_ids: list[str], history: list[Seen], now: datetime, n: int = 1) -> list[str]:
    """The next ``n`` items: missed-and-due first, then never seen (in bank order), then due by date.

    Items not yet due come last, soonest first, so a learner who has done everything still gets practice.
    """
    state = cards(history)
    order = {item: k for k, item in enumerate(all_ids)}

    def rank(item):
        card = state.get(item)
        if card is None:
            return (1, order[item], now)
        if card.due <= now:
            return (0 if card.box == 0 else 2, card.due.timestamp(), card.due)
        return (3, card.due.timestamp(), card.due)

    return sorted(all_ids, key=rank)[:n]


def due_again(history: list[Seen], now: datetime) -> list[str]:
    """Items answered wrongly last time whose time to come back has arrived."""
    return [c.item_id for c in cards(history).values() if c.box == 0 and c.due <= now]
