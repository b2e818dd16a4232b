"""Check feedback claims against expert codes (docs/feedback.md, "How claims are checked").

A claim holds when the expert code of its utterance has the claimed value. AnnoMI
codes behaviours, their subtypes and client talk; "advice without permission" is
checked as AnnoMI's advice subtype on a turn that no permission or request came
before (the same permission check the coder uses); AnnoMI has no affirmation code,
so affirmation claims cannot be checked.

An item is *supported* when all its checkable claims hold, *wrong* when the example
it quotes fails or most of its claims fail, and *partly* supported otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance.coding.codes import Codes
from alliance.coding.rules import invited
from alliance.feedback.observation import quote

SUBTYPE_BEHAVIOUR = {"question": "question", "reflection": "reflection", "input": "therapist_input"}


def gold_value(field: str, gold: Codes, roles: list[str], texts: list[str], index: int):
    """The expert code for ``field`` at ``index``; None when the experts' codes say nothing about it."""
    if field == "affirmation":
        return None
    if field == "advice_without_permission":
        is_advice = gold.behaviour == "therapist_input" and gold.input == "advice"
        return bool(is_advice and not invited(roles, texts, index))
    value = getattr(gold, field)
    if field in SUBTYPE_BEHAVIOUR and value is None and gold.behaviour is not None:
        return f"not a {SUBTYPE_BEHAVIOUR[field]}"  # a subtype claim on a turn of another behaviour fails
    return value


def claim_holds(claim: dict, gold_codes: list[Codes], roles: list[str], texts: list[str]) -> bool | None:
    """True or False against the expert code; None when the claim cannot be checked."""
    index = claim["index"]
    if not 0 <= index < len(gold_codes):
        return False
    expected = gold_value(claim["field"], gold_codes[index], roles, texts, index)
    if expected is None:
        return None
    return expected == claim["value"]


@dataclass(frozen=True)
class ItemCheck:
    verdict: str  # supported, partly, wrong, or unchecked (no checkable claim)
    held: int
    failed: int


def check_item(item: dict, gold_codes: list[Codes], roles: list[str], texts: list[str]) -> ItemCheck:
    """Verdict for one feedback item (its ``to_dict()``) against the expert codes."""
    results = [(c, claim_holds(c, gold_codes, roles, texts)) for c in item.get("claims", [])]
    checked = [(c, r) for c, r in results if r is not None]
    held = sum(1 for _, r in checked if r)
    failed = len(checked) - held
    if not checked:
        return ItemCheck("unchecked", 0, 0)
    quoted = {i for q in item.get("quotes", []) for i in item.get("evidence", []) if quote(texts[i]) == q}
    example_fails = any(not r for c, r in checked if c["index"] in quoted)
    if failed == 0:
        verdict = "supported"
    elif example_fails or failed > held:
        verdict = "wrong"
    else:
        verdict = "partly"
    return ItemCheck(verdict, held, failed)
