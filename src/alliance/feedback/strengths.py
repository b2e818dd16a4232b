"""Strengths: what went well, named first and backed by the moments it happened.

A strength is stated only on codes the coder is sure of (``claims.sure``): praise that
points at the wrong moment teaches nothing. Where the codes suggest a strength but the
coder is not sure, the moment is offered as a question instead, with no claim.
"""

from __future__ import annotations

from alliance.feedback.claims import claim, confidence, sure
from alliance.feedback.context import Session
from alliance.feedback.observation import (
    Observation,
    plural,
    question_only,
    quote,
    quoted_sentence,
    times,
    turn,
)


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
    if not coded:
        return []
    found = [u for u in coded if sure(s.code(u), "reflection", "complex")]
    first = max(found or coded, key=lambda u: (confidence(s.code(u), "reflection", "complex"), -u.index))
    q = quote(first.text)
    question = (
        f'Look again at {turn(first.index)} ("{q}"). Did it go beyond the client\'s words to what they might mean? '
        "Reflections like this show the client you are following them closely."
    )
    if not found:
        return [question_only("strength_complex_reflections", question, [u.index for u in coded], [q])]
    how_many = "a complex reflection" if len(found) == 1 else plural(len(found), "complex reflection")
    if len(coded) > len(found):
        how_many = f"at least {how_many}" if len(found) > 1 else "at least one complex reflection"
    message = (
        f"You offered {how_many}, going beyond the client's words to what they might mean, "
        f'for example at {turn(first.index)} ("{q}"). Reflections like this show the client you are following them closely.'
    )
    claims = [claim(u.index, "reflection", "complex") for u in found]
    return [Observation("strength_complex_reflections", message, [u.index for u in found], [q], claims, question_message=question)]


def reflection_balance(s: Session) -> list[Observation]:
    """Reflecting at least as often as asking, stated through the reflections alone.

    The message names the sure reflections, not the questions: in reflection-heavy sessions
    the coder's sure questions are often reflections that end in "?" (grouped CV: 0.85 of
    such question claims held), so the comparison is the rule's condition, not a claim.
    """
    reflections = [u for u, c in s.practitioner_turns() if c.behaviour == "reflection"]
    questions = [u for u, c in s.practitioner_turns() if c.behaviour == "question"]
    if not reflections or len(reflections) < len(questions):
        return []
    sure_r = [u for u in reflections if sure(s.code(u), "behaviour", "reflection")]
    evidence = [u.index for u in reflections]
    question = (
        "Did you reflect at least as often as you asked questions this time? Reflecting gives the client room "
        "to lead the conversation; the reflections linked here are the ones to look at."
    )
    if not sure_r:
        return [question_only("strength_reflection_balance", question, evidence, [])]
    # The example quoted is the reflection the coder is surest of.
    first = max(sure_r, key=lambda u: (confidence(s.code(u), "behaviour", "reflection"), -u.index))
    q = quote(first.text)
    about = "" if len(sure_r) == len(reflections) else "about "
    message = (
        f"You offered {about}{plural(len(reflections), 'reflection')} in this session, for example at {turn(first.index)} "
        f'("{q}"). Reflecting often gives the client room to lead the conversation.'
    )
    claims = [claim(u.index, "behaviour", "reflection") for u in sure_r]
    return [Observation("strength_reflection_balance", message, evidence, [q], claims, question_message=question)]


def sustain_reflected(s: Session) -> list[Observation]:
    """Sustain talk answered with a reflection rather than an argument."""
    pairs, sure_pairs = [], []
    for u, c in s.client_turns():
        if c.client_talk != "sustain":
            continue
        reply = s.next_practitioner_turn(u.index)
        if reply is None or s.code(reply).behaviour != "reflection":
            continue
        pairs.append((u, reply))
        if sure(c, "client_talk", "sustain") and sure(s.code(reply), "behaviour", "reflection"):
            sure_pairs.append((u, reply))
    if not pairs:
        return []
    said, reply = (sure_pairs or pairs)[0]
    q_said, q_reply = quote(said.text), quote(reply.text)
    question = (
        f'At {turn(said.index)} the client said "{q_said}", and you answered at {turn(reply.index)} ("{q_reply}"). '
        "If that was a reason against change, did your reply reflect it rather than argue? Meeting sustain talk "
        "this way keeps the door open."
    )
    if not sure_pairs:
        return [question_only("strength_sustain_reflected", question, [said.index, reply.index], [q_said, q_reply])]
    lead = "When the client" if len(sure_pairs) == 1 else (
        f"{times(len(sure_pairs)).capitalize()} you met reasons against change with a reflection. When the client")
    message = (
        f'{lead} spoke against change at {turn(said.index)} ("{q_said}"), you reflected it at {turn(reply.index)} '
        f'("{q_reply}") rather than arguing. Meeting sustain talk this way keeps the door open.'
    )
    evidence = sorted({i for a, b in sure_pairs for i in (a.index, b.index)})
    claims = [c for a, b in sure_pairs for c in (claim(a.index, "client_talk", "sustain"), claim(b.index, "behaviour", "reflection"))]
    return [Observation("strength_sustain_reflected", message, evidence, [q_said, q_reply], claims, question_message=question)]


RULES = (affirmations, complex_reflections, reflection_balance, sustain_reflected)
