"""Openings to grow: each describes a moment, then invites something to try.

Thresholds are module constants, documented in docs/feedback.md.
"""

from __future__ import annotations

from alliance.feedback.claims import claim, sure
from alliance.feedback.context import Session
from alliance.feedback.observation import (
    Observation,
    number,
    question_only,
    quote,
    quoted_sentence,
    refs,
    span,
    times,
    turn,
)
from alliance.metrics.session import practitioner_runs

CLOSED_RUN = 3  # closed questions in a row (client answers in between don't break a run)
LONG_RUN_WORDS = 120  # about 45-60 seconds of uninterrupted practitioner speech
TALK_SHARE = 0.6  # practitioner share of all words above which we say so
TALK_SHARE_MIN_WORDS = 100  # too short a session says little about balance
MISSED_CHANGE_TALK_SHOWN = 2  # at most this many missed moments, the most substantial first

_REPLY_KIND = {
    "question": "a question",
    "information": "some information",
    "advice": "advice",
    "negotiation": "a suggestion about what to do next",
    "options": "some options",
}


def missed_change_talk(s: Session) -> list[Observation]:
    """Client change talk whose reply was a question or input rather than a reflection.

    Stated when the coder is sure of both turns; otherwise offered as a question.
    """
    moments = []
    for u, c in s.client_turns():
        if c.client_talk != "change":
            continue
        reply = s.next_practitioner_turn(u.index)
        if reply is None:
            continue
        rc = s.code(reply)
        if rc.behaviour == "question":
            kind, reply_claim = _REPLY_KIND["question"], claim(reply.index, "behaviour", "question")
        elif rc.behaviour == "therapist_input":
            kind = _REPLY_KIND.get(rc.input or "", "information or advice")
            reply_claim = claim(reply.index, "behaviour", "therapist_input")
        else:
            continue
        is_sure = sure(c, "client_talk", "change") and sure(rc, reply_claim.field, reply_claim.value)
        moments.append((u, reply, kind, reply_claim, is_sure))
    # Sure moments first, then the fullest statements of change: the ones most worth reflecting.
    chosen = sorted(moments, key=lambda m: (not m[4], -m[0].words, m[0].index))[:MISSED_CHANGE_TALK_SHOWN]
    out = []
    for said, reply, kind, reply_claim, is_sure in sorted(chosen, key=lambda m: m[0].index):
        q = quote(said.text)
        question = (
            f"At {turn(said.index)} the client said {quoted_sentence(q)} What did you hear in it? If it was a reason for change, "
            f'reflecting it back before your reply at {turn(reply.index)}, for example starting with "It sounds like you…", '
            "might have helped them hear their own reasons."
        )
        if not is_sure:
            out.append(question_only("missed_change_talk", question, [said.index, reply.index], [q]))
            continue
        message = (
            f'At {turn(said.index)} the client said "{q}", which sounds like a reason for change; '
            f"your reply ({turn(reply.index)}) was {kind}. Reflecting their words back first, "
            'for example starting with "It sounds like you…", might have helped them hear their own reasons.'
        )
        claims = [claim(said.index, "client_talk", "change"), reply_claim]
        out.append(Observation("missed_change_talk", message, [said.index, reply.index], [q], claims, question_message=question))
    return out


def closed_question_runs(s: Session) -> list[Observation]:
    """Three or more closed questions in a row; stated when the coder is sure of every one."""
    runs, current = [], []
    for u, c in s.practitioner_turns():
        if c.behaviour == "question" and c.question == "closed":
            current.append(u)
            continue
        if len(current) >= CLOSED_RUN:
            runs.append(current)
        current = []
    if len(current) >= CLOSED_RUN:
        runs.append(current)
    out = []
    for run in sorted(runs, key=lambda r: (-len(r), r[0].index)):
        q = quote(run[0].text)
        question = (
            f'Look again at {span([u.index for u in run])}, starting with "{q}". Were these questions the client '
            'could answer in a word? An open question, such as "How do you see it?", might have let the client lead.'
        )
        if not all(sure(s.code(u), "question", "closed") for u in run):
            out.append(question_only("closed_question_run", question, [u.index for u in run], [q]))
            continue
        message = (
            f"You asked {number(len(run))} closed questions in a row here ({span([u.index for u in run])}, "
            f'starting with "{q}"). An open question, such as "How do you see it?" or '
            '"What would you like to be different?", might have let the client lead.'
        )
        claims = [claim(u.index, "question", "closed") for u in run]
        out.append(Observation("closed_question_run", message, [u.index for u in run], [q], claims, question_message=question))
    return out


def advice_without_permission(s: Session) -> list[Observation]:
    """Advice nobody invited; stated when the coder is sure, otherwise offered as a question."""
    marked = [u for u, c in s.practitioner_turns() if c.advice_without_permission]
    if not marked:
        return []
    found = [u for u in marked if sure(s.code(u), "advice_without_permission", True)]
    first = (found or marked)[0]
    q = quote(first.text)
    question = (
        f"At {turn(first.index)} you said {quoted_sentence(q)} Was that advice, and had the client asked for it? Asking permission "
        'first, for example "Would it be okay if I shared something that has helped other people?", keeps the choice with them.'
    )
    if not found:
        return [question_only("advice_without_permission", question, [u.index for u in marked], [q])]
    lead = f'At {turn(first.index)} you offered advice ("{q}")' if len(found) == 1 else (
        f'You offered advice {times(len(found))} without asking first, for example at {turn(first.index)} ("{q}")'
    )
    middle = " without first asking whether the client wanted it" if len(found) == 1 else ""
    message = (
        f"{lead}{middle}. Asking permission, for example \"Would it be okay if I shared something "
        'that has helped other people?", keeps the choice with them.'
    )
    claims = [claim(u.index, "advice_without_permission", True) for u in found]
    return [Observation("advice_without_permission", message, [u.index for u in found], [q], claims, question_message=question)]


def long_turns(s: Session) -> list[Observation]:
    long = [r for r in practitioner_runs(s.transcript) if r.words >= LONG_RUN_WORDS]
    if not long:
        return []
    run = max(long, key=lambda r: (r.words, -r.indexes[0]))
    first = next(u for u in s.utterances if u.index == run.indexes[0])
    q = quote(first.text, 80)
    message = (
        f"In {span(list(run.indexes))} you spoke for about {run.words} words before the client came in, "
        f'beginning "{q}". Pausing sooner, or checking in ("How does that sound to you?"), '
        "might have kept the conversation two-way."
    )
    if len(long) > 1:
        message += f" This was one of {number(len(long))} stretches this long."
    return [Observation("long_turn", message, list(run.indexes), [q])]


def talk_share(s: Session) -> list[Observation]:
    share = s.metrics.practitioner_talk_share
    total = sum(u.words for u in s.utterances)
    if share is None or share <= TALK_SHARE or total < TALK_SHARE_MIN_WORDS:
        return []
    longest = sorted((u for u, _ in s.practitioner_turns()), key=lambda u: (-u.words, u.index))[:3]
    message = (
        f"You spoke about {round(share * 100)}% of the words in this session. When the client does more "
        "of the talking they tend to hear their own reasons more clearly; shorter turns and more "
        f"reflections might give them more room. Your longest turns were {refs(sorted(u.index for u in longest))}."
    )
    return [Observation("talk_share", message, sorted(u.index for u in longest), [])]


# In priority order: a reflection after change talk matters most in MI.
RULES = (missed_change_talk, closed_question_runs, advice_without_permission, long_turns, talk_share)
