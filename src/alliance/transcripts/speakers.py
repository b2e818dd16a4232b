"""Speaker labels: ``Name: text`` prefixes and the role words that need no guessing."""

from __future__ import annotations

import re

# A label is short and name-like: starts with a letter, at most five words, no
# sentence punctuation, then a colon and a space (or the end of the line).
_LABEL = re.compile(r"([^\W\d_][\w'’.\-()/ ]{0,39}?)\s*:(?:\s+|$)(.*)", re.DOTALL)
_MAX_LABEL_WORDS = 5

# Labels that say the role outright (case-insensitive).
ROLE_LABELS = {
    "t": "practitioner",
    "p": "practitioner",
    "sw": "practitioner",
    "therapist": "practitioner",
    "counsellor": "practitioner",
    "counselor": "practitioner",
    "practitioner": "practitioner",
    "social worker": "practitioner",
    "worker": "practitioner",
    "interviewer": "practitioner",
    "c": "client",
    "client": "client",
    "patient": "client",
    "service user": "client",
}


def split_label(line: str) -> tuple[str, str] | None:
    """``'Maria Lopez: Hi there'`` -> ``('Maria Lopez', 'Hi there')``; None when no label."""
    match = _LABEL.match(line)
    if match is None:
        return None
    label = match.group(1).strip()
    if label.count(" ") >= _MAX_LABEL_WORDS:
        return None
    return label, match.group(2)


# "Client 2", "Therapist A": a role word numbered or lettered.
_NUMBERED = re.compile(r"(.+?)\s+(?:\d{1,2}|[A-Z])")


def role_of_label(label: str) -> str | None:
    role = ROLE_LABELS.get(label.casefold())
    if role is None and (numbered := _NUMBERED.fullmatch(label)):
        role = ROLE_LABELS.get(numbered.group(1).casefold())
    return role
