"""What a drill asks the learner to do, and which codes would show it was done.

A task is met when the coder is sure of one of its ``aims`` (every code in the aim);
it is clearly something else when the coder is sure of one of its ``misses``.
Anything in between is a question back to the learner, never a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

Code = tuple[str, object]


@dataclass(frozen=True)
class Task:
    key: str
    prompt: str  # what the learner is asked, in the second person
    skill: str  # the skill it practises (progress is per skill)
    aims: tuple[tuple[Code, ...], ...]  # any one of these code sets meets the task
    misses: tuple[Code, ...]  # a sure code here means the response went another way
    ask: str  # asked when the coder is not sure either way
    tip: str  # what else might work


REFLECTION: Code = ("behaviour", "reflection")
COMPLEX: Code = ("reflection", "complex")
QUESTION: Code = ("behaviour", "question")
OPEN: Code = ("question", "open")
CLOSED: Code = ("question", "closed")
ADVICE: Code = ("advice_without_permission", True)

TASKS: dict[str, Task] = {t.key: t for t in (
    Task(
        "reflect", "Reflect what you heard.", "reflection",
        aims=((REFLECTION,),), misses=(QUESTION, ADVICE),
        ask="Did your response give the person back what they said, as a statement rather than a question?",
        tip="A reflection is a statement, not a question: 'You're worried that…', 'It sounds like…'.",
    ),
    Task(
        "complex_reflection", "Go beyond the words: offer a complex reflection.", "complex_reflection",
        aims=((REFLECTION, COMPLEX),), misses=(QUESTION, ADVICE, ("reflection", "simple")),
        ask="Did your response go beyond the words, adding a feeling, a meaning or what might come next?",
        tip="Try guessing at the meaning or feeling under the words: 'Part of you wants…, and part of you…'.",
    ),
    Task(
        "open_question", "Ask an open question.", "open_question",
        aims=((QUESTION, OPEN),), misses=(CLOSED, REFLECTION, ADVICE),
        ask="Could the person answer your question in their own words, beyond a yes, a no or a fact?",
        tip="Questions that start with 'What', 'How' or 'Tell me about' invite the person's own story.",
    ),
    Task(
        "sustain_talk", "Respond to the reasons against change without arguing.", "reflection",
        aims=((REFLECTION,),), misses=(ADVICE, CLOSED),
        ask="Did your response stay alongside the person's reasons, without arguing for change?",
        tip="Reflecting the reasons against change, or both sides, tends to lower the pressure: 'You're not sure it's worth it right now.'",
    ),
    Task(
        "ask_permission", "Ask permission before offering information.", "permission",
        aims=((QUESTION,),), misses=(ADVICE,),
        ask="Did you ask whether the person wants to hear something before offering it?",
        tip="'Would it be all right if I shared something other people have found useful?' leaves the choice with them.",
    ),
    Task(
        "repair_rupture", "Repair the rupture: acknowledge what went wrong between you.", "repair",
        aims=((REFLECTION,),), misses=(ADVICE, CLOSED),
        ask="Did your response take the person's frustration seriously, naming it rather than defending yourself?",
        tip="Name what they are telling you about the relationship, and own your part: 'I've been jumping ahead of you.'",
    ),
    Task(
        "what_matters", "Learn what matters to this person before solving anything.", "open_question",
        aims=((QUESTION, OPEN), (REFLECTION,)), misses=(ADVICE, CLOSED),
        ask="Did your response invite the person to say what matters to them, before any solution?",
        tip="An open question about what they hope for, or a reflection of what they value, comes before any plan.",
    ),
)}

SKILLS = {
    "reflection": "Reflections",
    "complex_reflection": "Complex reflections",
    "open_question": "Open questions",
    "permission": "Asking permission",
    "repair": "Repairing ruptures",
}

# What the learner sees as the name of a code, in plain words.
CODE_WORDS = {
    REFLECTION: "a reflection",
    COMPLEX: "a complex reflection (it goes beyond the words)",
    ("reflection", "simple"): "a simple reflection (it stays close to the words)",
    QUESTION: "a question",
    OPEN: "an open question",
    CLOSED: "a closed question",
    ("behaviour", "therapist_input"): "information or advice",
    ("behaviour", "other"): "something other than a question, reflection or advice",
    ADVICE: "advice without permission",
}


def code_words(field: str, value) -> str:
    return CODE_WORDS.get((field, value), f"{field} {value}")
