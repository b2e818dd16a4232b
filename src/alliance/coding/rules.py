"""Two markers AnnoMI does not label, found by documented rules (docs/coding.md).

Advice without permission (a marker of paternalism): a practitioner utterance that
the learned input-subtype model takes for advice (calibrated probability at least
``ADVICE_MIN``) when neither the practitioner asked permission nor the client asked
for it in the exchange just before (``LOOKBACK`` utterances) or in the utterance
itself. Advice wording alone ("Just take care", a goodbye that starts with a verb)
no longer counts: it flagged friendly turns (docs/feedback.md, "Before and after").

Affirmation: a practitioner utterance that recognises the client's strengths,
efforts or values ("You've worked really hard on this"), not a question.
"""

from __future__ import annotations

import re

LOOKBACK = 3
ADVICE_MIN = 0.15  # P(therapist_input) x P(advice | input); grouped CV: precision 0.26, recall 0.30 (docs/coding.md)

_PERMISSION = re.compile(
    r"\b(is it (ok|okay|alright|all right) (if|with you)|would it be (ok|okay|alright|all right)|"
    r"(can|could|may) i (share|tell you|give you|offer|suggest|make a suggestion|mention)|"
    r"would you like (me to|to hear|some|any|to know|to talk about)|do you mind if|"
    r"would you be (interested|open|willing)|(are you|you're) (interested|open) (in|to)|"
    r"would it help if i|how would you feel (about|if) i|want to hear)\b"
)
_CLIENT_REQUEST = re.compile(
    r"\b(what (should|can|could|do) i do|what would you (do|suggest|recommend)|"
    r"(any|some|your) (advice|suggestions?|ideas|tips)|(can|could) you (tell|help|give|suggest|recommend)|"
    r"what do you (think|suggest|recommend)|how (do|can|should) i|tell me what to do|i need (help|advice))\b"
)
_ADVICE = re.compile(
    r"\b(you (should|need to|have to|must|ought to|better|'d better|had better|'ve got to|got to)|"
    r"i (want|need|'d like|would like) you to|i (recommend|suggest|advise)|i'd (suggest|recommend)|"
    r"my (advice|recommendation|suggestion)|why don't you|make sure (you|that you)|"
    r"it's (important|best|essential) (that you|to|for you)|the best thing (is|would be|to do)|"
    r"i think you should)\b"
)
_IMPERATIVE_START = re.compile(
    r"^(just |so |then |now |okay,? |well,? )*(try|stop|quit|cut|start|go|take|avoid|don't|do not|call|"
    r"make|keep|get|drink|eat|exercise|remember|think about|consider|write|give up)\b"
)
_AFFIRM = re.compile(
    r"\b(good for you|(that's|that is|what) (a |an |such a )?(great|wonderful|fantastic|impressive|terrific|huge|big) "
    r"(step|effort|achievement|accomplishment|thing|job|work|change|idea)|well done|good job|great job|"
    r"nice (job|work)|(you've|you have|you) (done|worked|managed|achieved|accomplished|made) (really |so )?"
    r"(well|hard|great|a lot|so much|it|huge|real|good|some)|you're (really |clearly )?(doing (great|well|"
    r"a great job)|committed|determined|strong|resourceful|a (good|caring|great|strong))|"
    r"(took|takes) (a lot of )?(courage|strength|guts)|(i|we) (really )?(appreciate|admire|respect) "
    r"(you|your|that you|how you)|(that's|that is|it's) (really )?(impressive|admirable)|"
    r"you (clearly|really) (care|love|want)|you care (a lot|so much|deeply|about)|"
    r"(your|you have a lot of) (strength|determination|commitment|courage)|proud of you|"
    r"thank you for (sharing|being|coming|telling|your)|you should be proud)\b"
)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _last_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", _norm(text)) if s]


def gives_advice(text: str, input_type: str | None = None) -> bool:
    """Advice or direction: the model's 'advice' input type, or advice wording outside a question."""
    if input_type == "advice":
        return True
    for sentence in _last_sentences(text):
        if sentence.endswith("?") and not sentence.startswith("why don't you"):
            continue
        if _ADVICE.search(sentence) or _IMPERATIVE_START.search(sentence):
            return True
    return False


def asks_permission(text: str) -> bool:
    return bool(_PERMISSION.search(_norm(text)))


def client_asks_for_advice(text: str) -> bool:
    return bool(_CLIENT_REQUEST.search(_norm(text)))


def is_affirmation(text: str) -> bool:
    norm = _norm(text)
    if norm.endswith("?"):
        return False
    return bool(_AFFIRM.search(norm))


def advice_probability(probabilities: dict | None) -> float:
    """Calibrated probability that a practitioner utterance is advice (AnnoMI's input subtype)."""
    if not probabilities:
        return 0.0
    return probabilities["behaviour"].get("therapist_input", 0.0) * probabilities["input"].get("advice", 0.0)


def invited(roles: list[str], texts: list[str], index: int) -> bool:
    """Whether advice at ``index`` was invited: permission asked in it or just before, or the client asked."""
    if asks_permission(texts[index]):
        return True
    for j in range(max(0, index - LOOKBACK), index):
        if roles[j] == "practitioner" and asks_permission(texts[j]):
            return True
        if roles[j] == "client" and client_asks_for_advice(texts[j]):
            return True
    return False


def advice_without_permission(roles: list[str], texts: list[str], index: int, probabilities: dict | None) -> bool:
    """Whether utterance ``index`` (a practitioner's) gives advice nobody invited."""
    return advice_probability(probabilities) >= ADVICE_MIN and not invited(roles, texts, index)
