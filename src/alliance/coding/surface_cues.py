"""Hand-written surface cues of one utterance, the kind an MI coder listens for.

Each cue is a number in [0, 1] (or a small count squashed into it) so the linear
models can weigh them next to the TF-IDF features.
"""

from __future__ import annotations

import math
import re

WH_WORDS = ("what", "how", "why", "where", "when", "who", "which", "tell me", "describe", "say more")
AUX_WORDS = (
    "do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "can", "could",
    "would", "will", "should", "shall", "may", "might", "am", "isn't", "aren't", "don't",
    "doesn't", "didn't", "won't", "wouldn't", "haven't", "hasn't", "can't", "couldn't",
)
REFLECT_STEMS = (
    "it sounds like", "sounds like", "it seems", "you feel", "you're feeling", "you felt",
    "you're saying", "you are saying", "what i'm hearing", "so you", "you think", "you want",
    "you're worried", "you don't", "you've", "for you", "it's like", "on the one hand",
)
PERMISSION_STEMS = (
    "is it okay if", "is it ok if", "would it be okay", "would it be alright", "can i share",
    "may i", "would you like", "do you mind if", "would you be interested", "could i",
    "would it help if", "can i tell you", "i wonder if i could",
)
ADVICE_STEMS = (
    "you should", "you need to", "you have to", "you must", "you've got to", "you ought",
    "i want you to", "i'd like you to", "i would like you to", "i recommend", "i suggest",
    "my advice", "i'd suggest", "you'd better", "why don't you", "try to", "make sure",
    "don't ", "stop ", "i think you should", "it's important that you", "the best thing",
)
AFFIRM_STEMS = (
    "good for you", "that's great", "that is great", "well done", "you did", "you've done",
    "you have done", "you're doing", "great job", "good job", "impressive", "that took",
    "courage", "i appreciate", "thank you for", "thanks for", "you're really", "you care",
    "you've managed", "you managed", "strength", "you worked hard", "proud", "that's wonderful",
)
CHANGE_STEMS = (
    "i want to", "i'd like to", "i need to", "i will", "i'm going to", "i can", "i could",
    "i should", "i'll", "i've been trying", "i have to", "i'm ready", "i wanna", "i hope",
    "i'd be", "better", "quit", "cut down", "stop",
)
SUSTAIN_STEMS = (
    "i don't want", "i can't", "i don't think", "not a problem", "i like", "i enjoy",
    "it helps me", "it's not that bad", "i'm fine", "no way", "i won't", "i don't see",
    "everybody", "it's just", "but i", "i don't need", "it relaxes",
)
_SENTENCE = re.compile(r"[.!?]+")
_WORD = re.compile(r"[a-z']+")

CUE_NAMES = (
    "ends_question", "has_question", "questions", "wh_start", "aux_start", "wh_last",
    "aux_last", "you_words", "i_words", "reflect_stem", "permission_stem", "advice_stem",
    "affirm_stem", "change_stem", "sustain_stem", "length", "sentences", "short",
    "negation", "yes_no_start",
)


def _starts_pattern(stems: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(re.escape(s) for s in stems) + r")(?:[ ?]|$)")


def _starts(text: str, pattern: re.Pattern) -> bool:
    return pattern.match(text) is not None


_WH = _starts_pattern(WH_WORDS)
_AUX = _starts_pattern(AUX_WORDS)


def _has(text: str, stems: tuple[str, ...]) -> float:
    return min(1.0, sum(1 for s in stems if s in text) / 2.0)


def _last_sentence(text: str) -> str:
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
    return parts[-1] if parts else ""


def _clean_start(text: str) -> str:
    # Drop discourse fillers so "Okay, so what ..." starts at "what".
    text = re.sub(r"^((so|and|okay|ok|well|um|uh|yeah|right|now|alright|mm-hmm|hmm)[,.]?\s+)+", "", text)
    return text


def cues(text: str) -> list[float]:
    lower = " ".join(text.lower().split())
    words = _WORD.findall(lower)
    n_words = len(words)
    last = _clean_start(_last_sentence(lower))
    start = _clean_start(lower)
    sentences = max(1, len([s for s in _SENTENCE.split(lower) if s.strip()]))
    return [
        float(lower.rstrip().endswith("?")),
        float("?" in lower),
        min(1.0, lower.count("?") / 3.0),
        float(_starts(start, _WH)),
        float(_starts(start, _AUX)),
        float(_starts(last, _WH)),
        float(_starts(last, _AUX)),
        min(1.0, sum(w in ("you", "you're", "your", "you've", "you'll", "you'd") for w in words) / 4.0),
        min(1.0, sum(w in ("i", "i'm", "my", "me", "i've", "i'll", "i'd") for w in words) / 4.0),
        _has(lower, REFLECT_STEMS),
        _has(lower, PERMISSION_STEMS),
        _has(lower, ADVICE_STEMS),
        _has(lower, AFFIRM_STEMS),
        _has(lower, CHANGE_STEMS),
        _has(lower, SUSTAIN_STEMS),
        min(1.0, math.log1p(n_words) / 5.0),
        min(1.0, sentences / 6.0),
        float(n_words <= 3),
        min(1.0, sum(w in ("not", "no", "never", "don't", "can't", "won't", "didn't") for w in words) / 3.0),
        float(bool(words) and words[0] in ("yes", "yeah", "no", "nope", "yep", "sure", "right", "mm-hmm")),
    ]
