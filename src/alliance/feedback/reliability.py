"""Which kinds of feedback Alliance may assert: only those whose claims hold against expert codes.

``claim_precision.json`` is written by ``bench/eval_feedback.py --write``: for each kind,
the share of its claims that AnnoMI's experts' codes confirm, measured in grouped
cross-validation on the train portion (models refit per fold). A kind is given as a
statement only while that precision is at least ``MIN_PRECISION``; below it, or when
it cannot be measured, the moment is offered as a question for the practitioner's own
reflection, with no claim (docs/feedback.md, "Only claims that hold").
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PRECISION_FILE = Path(__file__).with_name("claim_precision.json")
MIN_PRECISION = 0.85
# Kinds that assert nothing about any utterance's code (word counts and talk shares).
NO_CLAIM_KINDS = ("long_turn", "talk_share")


@lru_cache(maxsize=1)
def _table() -> dict:
    if not PRECISION_FILE.is_file():
        return {}
    return json.loads(PRECISION_FILE.read_text(encoding="utf-8"))


def measured() -> dict:
    """kind -> {"precision": float | None, "held": int, ...} as last written by the benchmark."""
    return _table().get("kinds", {})


NEVER = float("inf")


@lru_cache(maxsize=1)
def thresholds() -> dict[tuple[str, object], float]:
    """(field, value) -> the calibrated probability a code needs before feedback claims it (tuned on grouped CV).

    A code whose claims never held often enough at any confidence is never claimed (``NEVER``).
    """
    rows = _table().get("thresholds", {})
    return {(r["field"], r["value"]): NEVER if r.get("min_confidence") is None else r["min_confidence"] for r in rows.values()}


def reload() -> None:
    """Read claim_precision.json again (after bench/eval_feedback.py --write rewrote it)."""
    _table.cache_clear()
    thresholds.cache_clear()


def asserted(kind: str) -> bool:
    if kind in NO_CLAIM_KINDS:
        return True
    precision = (measured().get(kind) or {}).get("precision")
    return precision is not None and precision >= MIN_PRECISION


def gate(observations: list) -> list:
    """Statements for kinds that hold; questions (or nothing) for the rest."""
    out = []
    for o in observations:
        if asserted(o.kind):
            out.append(o)
            continue
        as_question = o.as_question()
        if as_question is not None:
            out.append(as_question)
    return out
