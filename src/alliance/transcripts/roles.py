"""Who is the practitioner? From ``--practitioner``, from the file, or a documented guess.

The guess (docs/transcripts.md, "Roles"): among speakers whose role is not known,
the one who asked the most questions (utterances with a '?') is the
practitioner; on a tie, the one who spoke first. Everyone else is the client,
except that with three or more speakers, someone who said under a quarter as
much as the main client (or the ``Unknown`` speaker) is ``other``.
"""

from __future__ import annotations

from alliance.errors import ParseError
from alliance.transcripts.model import Utterance
from alliance.transcripts.turns import UNKNOWN_SPEAKER

_MINOR_SHARE = 0.25


def assign_roles(
    utterances: list[Utterance],
    *,
    stated: dict[str, str],
    practitioner: list[str] | None,
    path: str,
) -> tuple[bool, str]:
    """Set ``role`` on every utterance; returns (roles_guessed, role_note)."""
    speakers = list(dict.fromkeys(u.speaker for u in utterances))
    words = dict.fromkeys(speakers, 0)
    questions = dict.fromkeys(speakers, 0)
    for u in utterances:
        words[u.speaker] += u.words
        questions[u.speaker] += "?" in u.text

    roles: dict[str, str] = {}
    if practitioner:
        wanted = {name.strip().casefold() for name in practitioner}
        roles = {s: "practitioner" for s in speakers if s.casefold() in wanted}
        if not roles:
            raise ParseError(
                "T019",
                path=path,
                names=quoted_list(practitioner, "or"),
                speakers=quoted_list(speakers, "and"),
            )
    for speaker in speakers:
        # Named practitioners are the only ones: the file may still say who is other.
        if speaker not in roles and speaker in stated and not (practitioner and stated[speaker] == "practitioner"):
            roles[speaker] = stated[speaker]

    open_speakers = [s for s in speakers if s not in roles]
    note = ""
    guessed = False
    if open_speakers and "practitioner" not in roles.values():
        guessed = True
        if len(speakers) == 1:
            roles[speakers[0]] = "client"
            note = (
                f"Only one person speaks in this transcript ({speakers[0]!r}), so they are taken "
                "as the client. Use --practitioner if they are the practitioner."
            )
        else:
            chosen = max(open_speakers, key=lambda s: (questions[s], -speakers.index(s)))
            roles[chosen] = "practitioner"
            if questions[chosen]:
                why = f"{chosen!r} asked the most questions ({questions[chosen]}), so is taken as the practitioner"
            else:
                why = f"no one asked a question, so {chosen!r}, who spoke first, is taken as the practitioner"
            note = f"Roles were guessed: {why}"
        open_speakers = [s for s in open_speakers if s not in roles]

    others = _client_or_other(open_speakers, words, total_speakers=len(speakers))
    roles.update(others)
    if guessed and len(speakers) > 1:
        note += _describe_rest(speakers, roles) + " Use --practitioner to set them."
    elif not guessed and "other" in others.values():
        minor = [s for s in speakers if others.get(s) == "other"]
        note = f"{quoted_list(minor, 'and')} said little, so taken as other rather than the client."

    for u in utterances:
        u.role = roles[u.speaker]
    return guessed, note


def _client_or_other(speakers: list[str], words: dict[str, int], *, total_speakers: int) -> dict[str, str]:
    if not speakers:
        return {}
    if total_speakers < 3:
        return {s: "client" for s in speakers}
    named = [s for s in speakers if s != UNKNOWN_SPEAKER]
    main = max((words[s] for s in named), default=0)
    return {
        s: "client" if s != UNKNOWN_SPEAKER and words[s] >= _MINOR_SHARE * main else "other"
        for s in speakers
    }


def _describe_rest(speakers: list[str], roles: dict[str, str]) -> str:
    clients = [s for s in speakers if roles[s] == "client"]
    others = [s for s in speakers if roles[s] == "other"]
    parts = []
    if clients:
        parts.append(f"{quoted_list(clients, 'and')} as the client")
    if others:
        parts.append(f"{quoted_list(others, 'and')} as other (they said little)")
    return ("; " + "; ".join(parts) + ".") if parts else "."


def quoted_list(names: list[str], joiner: str) -> str:
    quoted = [repr(n) for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {joiner} " + quoted[-1]
