"""Training copies that look like speech-to-text output (docs/coding.md, "Speech-to-text").

Automatic captions often come lower-cased, without punctuation and with fillers
left in. A coder trained only on edited transcripts leans on "?" and turns
unpunctuated questions into reflections, so training adds one copy of every
conversation written that way; the expert codes carry over unchanged.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from alliance.transcripts.model import Transcript

FILLERS = ("um", "uh", "you know", "like", "i mean", "so")
FILLER_RATE = 0.25  # share of utterances that get one filler somewhere
_PUNCT = re.compile(r"[^\w\s'’-]+")


def unpunctuated(text: str) -> str:
    """Lower case, no punctuation (apostrophes and hyphens kept), single spaces."""
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def with_filler(text: str, rng: random.Random) -> str:
    words = text.split()
    if not words:
        return text
    at = rng.randrange(len(words) + 1)
    return " ".join(words[:at] + [rng.choice(FILLERS)] + words[at:])


def speech_to_text_copy(transcript: Transcript, seed: int) -> Transcript:
    """The same conversation, codes and all, as automatic captions might write it."""
    rng = random.Random(f"{seed}:{transcript.metadata.get('transcript_id', transcript.source)}")
    utterances = []
    for u in transcript.utterances:
        text = unpunctuated(u.text)
        if rng.random() < FILLER_RATE:
            text = with_filler(text, rng)
        utterances.append(replace(u, text=text))
    return replace(transcript, utterances=utterances, metadata={**transcript.metadata, "augmented": "speech_to_text"})
