"""Two variants of the coder: one for edited transcripts, one for speech-to-text captions.

Captions without punctuation lose the "?" that marks most questions; a coder trained
only on edited text then turns questions into reflections (docs/coding.md,
"Speech-to-text"). Training both on one mix costs edited transcripts three points,
so the coder keeps two variants and picks one per transcript by how much of it is
punctuated.
"""

from __future__ import annotations

import re

from alliance.transcripts.model import Transcript

VARIANTS = ("edited", "captions")
PUNCTUATED_MIN = 0.3  # share of longer utterances with . ? or ! below which a transcript is taken as captions
_MARK = re.compile(r"[.?!]")


def punctuated_share(transcript: Transcript) -> float | None:
    """Share of the utterances of four or more words that hold a full stop, question or exclamation mark."""
    longer = [u.text for u in transcript.utterances if u.words >= 4]
    if not longer:
        return None
    return sum(1 for text in longer if _MARK.search(text)) / len(longer)


def variant_for(transcript: Transcript) -> str:
    share = punctuated_share(transcript)
    return "captions" if share is not None and share < PUNCTUATED_MIN else "edited"
