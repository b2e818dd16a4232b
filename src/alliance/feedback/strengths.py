"""Strengths: what went well, named first and backed by the moments it happened."""

from __future__ import annotations

from alliance.feedback.context import Session
from alliance.feedback.observation import Observation, plural, quote, times, turn


def affirmations(s: Session) -> list[Observation]:
    found = [u for u, c in s.practitioner_turns() if c.affirmation]
    if not found:
        return []
    first = found[0]
    lead = f"You affirmed the client at {turn(first.index)}" if len(found) == 1 else (
        f"You affirmed the client {times(len(found))}, for example at {turn(first.index)}"
    )
    q = quote(first.text)
    message = f'{lead} ("{q}"). Naming what someone is doing well helps them feel seen and keeps them going.'
    return [Observation("strength_affirmations", message, [u.index for u in found], [q])]


def complex_reflections(s: Session) -> list[Observation]:
    found = [u for u, c in s.practitioner_turns() if c.behaviour == "reflection" and c.reflection == "complex"]
    if not found:
        return []
    first = found[0]
    q = quote(first.text)
    how_many = "a complex reflection" if len(found) == 1 else f"{plural(len(found), 'complex reflection')}"
    message = (
        f"You offered {how_many}, going beyond the client's words to what they might mean, "
        f'for example at {turn(first.index)} ("{q}"). Reflections like this show the client you are following them closely.'
    )
    return [Observation("strength_complex_reflections", message, [u.index for u in found], [q])]


def reflection_balance(s: Session) -> list[Observation]:
    reflections = [u.index for u, c in s.practitioner_turns() if c.behaviour == "reflection"]
    questions = s.metrics.questions
    if not reflections or len(reflections) < questions:
        return []
    asked = "asked no questions" if questions == 0 else f"asked {plural(questions, 'question')}"
    message = (
        f"You offered {plural(len(reflections), 'reflection')} and {asked}. Reflecting at least as often "
        "as asking gives the client room to lead the conversation."
    )
    return [Observation("strength_reflection_balance", message, reflections, [])]


def sustain_reflected(s: Session) -> list[Observation]:
    """Sustain talk answered with a reflection rather than an argument."""
    pairs = []
    for u, c in s.client_turns():
        if c.client_talk != "sustain":
            continue
        reply = s.next_practitioner_turn(u.index)
        if reply is not None and s.code(reply).behaviour == "reflection":
            pairs.append((u, reply))
    if not pairs:
        return []
    said, reply = pairs[0]
    q_said, q_reply = quote(said.text), quote(reply.text)
    lead = "When the client" if len(pairs) == 1 else f"{times(len(pairs)).capitalize()} you met reasons against change with a reflection. When the client"
    message = (
        f'{lead} spoke against change at {turn(said.index)} ("{q_said}"), you reflected it at {turn(reply.index)} '
        f'("{q_reply}") rather than arguing. Meeting sustain talk this way keeps the door open.'
    )
    evidence = sorted({i for a, b in pairs for i in (a.index, b.index)})
    return [Observation("strength_sustain_reflected", message, evidence, [q_said, q_reply])]


RULES = (affirmations, complex_reflections, reflection_balance, sustain_reflected)
