"""Prompts for the practitioner's reflection journal, each pointing at moments to revisit."""

from __future__ import annotations

from alliance.feedback.claims import sure
from alliance.feedback.context import Session
from alliance.feedback.observation import JournalPrompt, Observation, refs

LISTEN = "Did I listen fully?"
EMPATHY = "Did I respond empathetically?"
MATTERS = "What did I learn about what matters to this client?"
DIFFERENTLY = "What would I try differently?"


def journal_prompts(s: Session, observations: list[Observation]) -> list[JournalPrompt]:
    return [_listen(s, observations), _empathy(s), _matters(s), _differently(observations)]


def _listen(s: Session, observations: list[Observation]) -> JournalPrompt:
    missed = [o.evidence[0] for o in observations if o.kind == "missed_change_talk"]
    if missed:
        return JournalPrompt(LISTEN, f"Look again at what the client said at {refs(missed)}, where a reflection could have followed.", missed)
    reflections = [u.index for u, c in s.practitioner_turns() if sure(c, "behaviour", "reflection")]
    if reflections:
        return JournalPrompt(LISTEN, f"Your reflections are at {refs(reflections)}. What did each one pick up, and what did it leave out?", reflections)
    return JournalPrompt(LISTEN, "No reflection stood out clearly in this session. Where might one have fitted?", [])


def _empathy(s: Session) -> JournalPrompt:
    moments = [
        u.index for u, c in s.practitioner_turns()
        if c.affirmation or sure(c, "reflection", "complex")
    ]
    if moments:
        return JournalPrompt(EMPATHY, f"Moments where you named the client's meaning or strengths are {refs(moments)}. How did the client respond?", moments)
    return JournalPrompt(EMPATHY, "Think of a moment when the client shared something hard. How did you show that you understood?", [])


def _matters(s: Session) -> JournalPrompt:
    change = [u.index for u, c in s.client_turns() if sure(c, "client_talk", "change")]
    if change:
        return JournalPrompt(MATTERS, f"The client's own words about change are at {refs(change)}. What do they tell you about what they care about?", change)
    return JournalPrompt(MATTERS, "No clear reasons for change stood out this time. What might matter to the client that has not been said yet?", [])


def _differently(observations: list[Observation]) -> JournalPrompt:
    growth = sorted({i for o in observations if not o.is_strength for i in o.evidence})
    if growth:
        return JournalPrompt(DIFFERENTLY, f"The feedback points at {refs(growth)}. Which one would you replay, and what would you say?", growth)
    return JournalPrompt(DIFFERENTLY, "Nothing in the feedback stood out as a missed chance. Is there a moment you would still replay?", [])
