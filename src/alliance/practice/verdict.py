"""Code a learner's typed response in its context and say, warmly, what it does.

The response is coded by the same calibrated coder as real sessions, as the last
turn of a short transcript (the practitioner's previous turn, the client statement,
the response). A code is asserted only when ``alliance.feedback.claims.sure`` allows
it (the claims rule of session feedback); otherwise the verdict asks the learner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from alliance.errors import AllianceError
from alliance.feedback.claims import sure
from alliance.practice.bank import Drill
from alliance.practice.tasks import TASKS, code_words
from alliance.transcripts.model import Transcript, Utterance

MAX_RESPONSE_CHARS = 1000
STAGE = "alliance.practice.v1"
# The codes a verdict may assert, most specific first within each behaviour.
CANDIDATES = (
    ("reflection", "complex"), ("reflection", "simple"), ("behaviour", "reflection"),
    ("question", "open"), ("question", "closed"), ("behaviour", "question"),
    ("behaviour", "therapist_input"), ("behaviour", "other"), ("advice_without_permission", True),
)
BEHAVIOUR_OF = {"reflection": "reflection", "question": "question"}


@dataclass
class Verdict:
    drill_id: str
    task: str
    outcome: str  # "met", "other" (sure it went another way) or "unsure" (a question back)
    claims: list[tuple[str, object]]  # the codes asserted, each one sure by the claims rule
    says: list[str]  # what the response does, in plain words
    question: str | None  # asked when the coder is unsure
    tip: str  # what else might work
    codes: dict = field(default_factory=dict)  # the coder's codes of the response, with confidence
    stage: str = STAGE

    def to_dict(self) -> dict:
        return {
            "drill_id": self.drill_id, "task": self.task, "outcome": self.outcome,
            "claims": [[f, v] for f, v in self.claims], "says": self.says, "question": self.question,
            "tip": self.tip, "codes": self.codes, "stage": self.stage,
        }

    def asserts(self, field_name: str, value) -> bool:
        return (field_name, value) in self.claims


def transcript_for(drill: Drill, response: str) -> Transcript:
    turns = ([("practitioner", drill.previous)] if drill.previous else []) + [("client", drill.client), ("practitioner", response)]
    speaker = {"practitioner": "Practitioner", "client": "Client"}
    return Transcript(
        [Utterance(i, speaker[role], role, text) for i, (role, text) in enumerate(turns)],
        source="<practice>",
    )


def clean_response(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise AllianceError("L001")
    if len(text) > MAX_RESPONSE_CHARS:
        raise AllianceError("L003", length=len(text), limit=MAX_RESPONSE_CHARS)
    return text


def code_response(drill: Drill, response: str, coder=None):
    """The coder's ``Codes`` for ``response`` as the practitioner's reply to the drill's client statement."""
    if coder is None:
        from alliance.coding import load_coder

        coder = load_coder()
    return coder.code(transcript_for(drill, clean_response(response)))[-1]


def asserted_codes(codes) -> list[tuple[str, object]]:
    """The codes of one practitioner utterance that the claims rule lets us assert."""
    out = [(f, v) for f, v in CANDIDATES if sure(codes, f, v)]
    # A subtype is asserted only with its behaviour, so "a closed question" never stands on a doubtful "question".
    return [(f, v) for f, v in out if f not in BEHAVIOUR_OF or ("behaviour", BEHAVIOUR_OF[f]) in out]


def judge(drill: Drill, codes) -> Verdict:
    """The verdict on a response already coded (``codes``), for ``drill``'s task."""
    task = TASKS[drill.task]
    claims = asserted_codes(codes)
    said = set(claims)
    met = any(all(c in said for c in aim) for aim in task.aims)
    missed = not met and any(c in said for c in task.misses)
    says = _describe(claims, codes)
    if met:
        outcome, question = "met", None
        says.append("That is what this drill asked for.")
    elif missed:
        outcome, question = "other", None
        says.append(f"This drill asked you to {task.prompt[0].lower()}{task.prompt[1:]}")
    else:
        outcome, question = "unsure", task.ask
    return Verdict(drill.id, drill.task, outcome, claims, says, question, task.tip, codes.to_dict())


def respond(drill: Drill, response: str, coder=None) -> Verdict:
    """Code ``response`` to ``drill`` and return the verdict (raises AllianceError L001/L003 on bad input)."""
    return judge(drill, code_response(drill, response, coder))


def _describe(claims: list[tuple[str, object]], codes) -> list[str]:
    said = set(claims)
    main = next((c for c in claims if c[0] != "advice_without_permission" and c[0] != "behaviour"), None)
    main = main or next((c for c in claims if c[0] == "behaviour"), None)
    out = []
    if main is None:
        lean = f"It may be {code_words('behaviour', codes.behaviour)}, but " if codes.behaviour else ""
        out.append(f"{lean}Alliance can't tell for sure how this response would usually be coded, so it asks rather than guesses."
                   if not lean else f"{lean}Alliance isn't sure enough to name it, so it asks you instead.")
    else:
        out.append(f"Your response reads as {code_words(*main)}.")
    if ("advice_without_permission", True) in said:
        out.append("It also offers advice the person hasn't asked for; "
                   "asking first keeps the choice with them.")
    return out


def reply_words(codes: dict) -> str:
    """How the recorded reply was coded by the experts, in plain words."""
    if codes.get("reflection"):
        return code_words("reflection", codes["reflection"])
    if codes.get("question"):
        return code_words("question", codes["question"])
    if codes.get("behaviour"):
        return code_words("behaviour", codes["behaviour"])
    return "not coded"
