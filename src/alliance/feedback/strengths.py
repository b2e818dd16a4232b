"""Strengths: what went well, named first and backed by the moments it happened.

Each strength rests only on codes the coder is sure of (``claims.sure``): praise that
points at the wrong moment teaches nothing, so an unsure moment is left out, and a
strength with no sure moment is not given.
"""

from __future__ import annotations

from alliance.feedback.claims import claim, sure
from alliance.feedback.context import Session
from alliance.feedback.observation import Observation, plural, quote, quoted_sentence, times, turn


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
    question = (
        f"At {turn(first.index)} you said {quoted_sentence(q)} Was that an affirmation, naming something the client did or "
        "cares about? Moments like this help people feel seen; how did the client respond?"
    )
    claims = [claim(u.index, "affirmation", True) for u in found]
    return [Observation("strength_affirmations", message, [u.index for u in found], [q], claims, question_message=question)]


def complex_reflections(s: Session) -> list[Observation]:
    coded = [u for u, c in s.practitioner_turns() if c.behaviour == "reflection" and c.reflection == "complex"]
    found = [u for u in coded if sure(s.code(u), "reflection", "complex")]
    if not found:
        return []
    first = found[0]
    q = quote(first.text)
    how_many = "a complex reflection" if len(found) == 1 else plural(len(found), "complex reflection")
    if len(coded) > len(found):
        how_many = f"at least {how_many}" if len(found) > 1 else "at least one complex reflection"
    message = (
        f"You offered {how_many}, going beyond the client's words to what they might mean, "
        f'for example at {turn(first.index)} ("{q}"). Reflections like this show the client you are following them closely.'
    )
    question = (
        f'Look again at {turn(first.index)} ("{q}"). Did it go beyond the client\'s words to what they might mean? '
        "Reflections like this show the client you are following them closely."
    )
    claims = [claim(u.index, "reflection", "complex") for u in found]
    return [Observation("strength_complex_reflections", message, [u.index for u in found], [q], claims, question_message=question)]


def reflection_balance(s: Session) -> list[Observation]:
    reflections = [u for u, c in s.practitioner_turns() if c.behaviour == "reflection"]
    questions = [u for u, c in s.practitioner_turns() if c.behaviour == "question"]
    if not reflections or len(reflections) < len(questions):
        return []
    sure_r = [u for u in reflections if sure(s.code(u), "behaviour", "reflection")]
    sure_q = [u for u in questions if sure(s.code(u), "behaviour", "question")]
    if not sure_r:
        return []
    about_r = "" if len(sure_r) == len(reflections) else "about "
    about_q = "" if len(sure_q) == len(questions) else "about "
    asked = "asked no questions" if not questions else f"asked {about_q}{plural(len(questions), 'question')}"
    message = (
        f"You offered {about_r}{plural(len(reflections), 'reflection')} and {asked}. Reflecting at least as often "
        "as asking gives the client room to lead the conversation."
    )
    question = (
        "Did you reflect at least as often as you asked questions this time? Reflecting gives the client room "
        "to lead the conversation; the reflections to look at first are listed here."
    )
    claims = [claim(u.index, "behaviour", "reflection") for u in sure_r] + [claim(u.index, "behaviour", "question") for u in sure_q]
    claims.sort(key=lambda c: c.index)
    evidence = sorted(u.index for u in reflections + questions)
    return [Observation("strength_reflection_balance", message, evidence, [], claims, question_message=question)]


def sustain_reflected(s: Session) -> list[Observation]:
    """Sustain talk answered with a reflection rather than an argument."""
    pairs = []
    for u, c in s.client_turns():
        if not sure(c, "client_talk", "sustain"):
            continue
        reply = s.next_practitioner_turn(u.index)
        if reply is not None and sure(s.code(reply), "behaviour", "reflection"):
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
    question = (
        f'At {turn(said.index)} the client said "{q_said}", and you answered at {turn(reply.index)} ("{q_reply}"). '
        "If that was a reason against change, did your reply reflect it rather than argue? Meeting sustain talk "
        "this way keeps the door open."
    )
    evidence = sorted({i for a, b in pairs for i in (a.index, b.index)})
    claims = [c for a, b in pairs for c in (claim(a.index, "client_talk", "sustain"), claim(b.index, "behaviour", "reflection"))]
    return [Observation("strength_sustain_reflected", message, evidence, [q_said, q_reply], claims, question_message=question)]


RULES = (affirmations, complex_reflections, reflection_balance, sustain_reflected)
