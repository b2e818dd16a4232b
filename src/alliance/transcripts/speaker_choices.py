"""Who is who, as the practitioner said it: a role for a speaker, or two labels that are one person.

A choice is ``label -> value`` where value is ``practitioner``, ``client``, ``other``
(a family member, an interpreter: shown, never coded as client talk) or another
speaker's label, meaning "the same person" ("Dana R" and "DANA"). Labels match
case-insensitively. docs/transcripts.md, "Who is who", describes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from alliance.errors import ParseError
from alliance.transcripts.model import ROLES
from alliance.transcripts.roles import quoted_list
from alliance.transcripts.turns import UNKNOWN_SPEAKER, RawCue


def read_speaker_options(options: Iterable[str]) -> dict[str, str]:
    """``["DANA=practitioner", "Dana R=DANA"]`` (the CLI's ``--speaker``) as a choices dict."""
    choices: dict[str, str] = {}
    for option in options:
        label, sep, value = option.partition("=")
        if not sep or not label.strip() or not value.strip():
            raise ParseError("T023", given=option)
        choices[label.strip()] = value.strip()
    return choices


def apply_to_cues(raw: list[RawCue], choices: Mapping[str, str], path: str) -> dict[str, str]:
    """Merge labels in ``raw`` as chosen (in place); returns the roles chosen, by the label now used."""
    final, chosen = resolve(choices, _labels(raw), path)
    previous = None
    for cue in raw:
        speaker = cue.speaker if cue.speaker is not None else (previous or UNKNOWN_SPEAKER)
        previous = speaker
        cue.speaker = final.get(speaker, speaker)
    return chosen


def resolve(choices: Mapping[str, str], labels: list[str], path: str) -> tuple[dict[str, str], dict[str, str]]:
    """The choices for these speaker labels as (label -> the label it merges into, final label -> role).

    Labels match case-insensitively; a merge may go through several labels. Raises ParseError
    (T022, T024-T026) for a choice that cannot hold.
    """
    by_fold = {label.casefold(): label for label in labels}
    merge: dict[str, str] = {}
    roles: dict[str, str] = {}
    for given, value in choices.items():
        label = by_fold.get(given.strip().casefold())
        if label is None:
            raise ParseError("T022", path=path, label=given, speakers=quoted_list(labels, "and"))
        role = value.strip().casefold()
        if role in ROLES:
            roles[label] = role
        elif role in by_fold:
            merge[label] = by_fold[role]
        else:
            raise ParseError("T024", path=path, label=label, value=value, speakers=quoted_list(labels, "and"))
    final = {label: _follow(label, merge, path) for label in merge}
    chosen: dict[str, str] = {}
    for label, role in roles.items():
        target = final.get(label, label)
        if chosen.setdefault(target, role) != role:
            raise ParseError("T025", path=path, label=target, first=chosen[target], second=role)
    return final, chosen


def _follow(label: str, merge: dict[str, str], path: str) -> str:
    seen = [label]
    while label in merge:
        label = merge[label]
        if label in seen:
            raise ParseError("T026", path=path, names=quoted_list(seen, "and"))
        seen.append(label)
    return label


def _labels(raw: list[RawCue]) -> list[str]:
    labels: dict[str, None] = {}
    if raw and raw[0].speaker is None:
        labels[UNKNOWN_SPEAKER] = None
    for cue in raw:
        if cue.speaker is not None:
            labels.setdefault(cue.speaker, None)
    return list(labels)


_ROLE_WORDS = {"practitioner": "the practitioner", "client": "the client", "other": "another person (not coded)"}


def chosen_note(utterances) -> str:
    """The role note once roles follow the practitioner's choices."""
    roles = {u.speaker: u.role for u in utterances}
    parts = [f"{label!r} is {_ROLE_WORDS[role]}" for label, role in roles.items()]
    return "Who is who as you set it: " + "; ".join(parts) + "."
