"""How often the practice verdicts' asserted codes agree with the experts' codes of the recorded replies."""

from __future__ import annotations

from alliance.practice.verdict import code_response, judge

# The experts' codes in the verdicts' terms: behaviour, question, reflection, and advice
# (AnnoMI has no 'without permission' label, so such a claim is checked against input = advice).


def _expert_value(reply_codes: dict, field: str):
    if field == "advice_without_permission":
        return True if reply_codes.get("input") == "advice" else None
    return reply_codes.get(field)


def claim_precision(drills, coder=None, progress=None) -> dict:
    """Per asserted code and overall: claims made, how many the experts' codes agree with, precision.

    Each drill's recorded reply is coded as a learner's response would be (same context,
    same coder, same claims rule). Also counts how many replies got a question instead of
    an assertion ('asked').
    """
    per: dict[str, dict] = {}
    made = right = asked = 0
    for n, drill in enumerate(drills, 1):
        verdict = judge(drill, code_response(drill, drill.reply, coder))
        if not verdict.claims:
            asked += 1
        for field, value in verdict.claims:
            ok = _expert_value(drill.reply_codes, field) == value
            row = per.setdefault(f"{field}={value}", {"claims": 0, "agree": 0})
            row["claims"] += 1
            row["agree"] += int(ok)
            made += 1
            right += int(ok)
        if progress:
            progress(n, len(drills))
    for row in per.values():
        row["precision"] = round(row["agree"] / row["claims"], 3)
    return {
        "drills": len(drills), "claims": made, "agree": right,
        "precision": round(right / made, 3) if made else None,
        "asked_instead": asked, "per_code": dict(sorted(per.items())),
    }
