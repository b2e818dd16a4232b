"""Hand-built coded sessions for the metrics, feedback and analysis tests.

Each turn is (label, text). Practitioner labels: OQ / CQ open / closed question,
SR / CR simple / complex reflection, INFO information, ADV advice given after asking,
ADV! advice without permission, AFF an affirmation, OTH other. Client labels:
C+ change talk, C- sustain talk, C0 neutral. X is someone else in the room.
"""

from __future__ import annotations

from alliance.coding.codes import Codes
from alliance.transcripts.model import Transcript, Utterance

_PRACTITIONER = {
    "OQ": dict(behaviour="question", question="open"),
    "CQ": dict(behaviour="question", question="closed"),
    "SR": dict(behaviour="reflection", reflection="simple"),
    "CR": dict(behaviour="reflection", reflection="complex"),
    "INFO": dict(behaviour="therapist_input", input="information"),
    "ADV": dict(behaviour="therapist_input", input="advice", advice_without_permission=False),
    "ADV!": dict(behaviour="therapist_input", input="advice", advice_without_permission=True),
    "AFF": dict(behaviour="other", affirmation=True),
    "OTH": dict(behaviour="other"),
}
_CLIENT = {"C+": "change", "C-": "sustain", "C0": "neutral"}


def session(*turns: tuple[str, str]) -> tuple[Transcript, list[Codes]]:
    utterances, codes = [], []
    for index, (label, text) in enumerate(turns):
        if label in _PRACTITIONER:
            speaker, role, code = "Maria", "practitioner", Codes(**_PRACTITIONER[label])
        elif label in _CLIENT:
            speaker, role, code = "Sam", "client", Codes(client_talk=_CLIENT[label])
        elif label == "X":
            speaker, role, code = "Interpreter", "other", Codes()
        else:
            raise ValueError(f"unknown label {label!r}")
        utterances.append(Utterance(index=index, speaker=speaker, role=role, text=text, start=float(index), end=index + 0.9))
        codes.append(code)
    return Transcript(utterances, source="hand-built"), codes
