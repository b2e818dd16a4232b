"""Reliable change between two totals, and what it means: recovered, improved, unchanged, deteriorated.

Two ways to decide that a change is bigger than measurement error:
- the instrument's published value (NHS Talking Therapies: PHQ-9 6 points, GAD-7 4 points);
- Jacobson & Truax (1991): 1.96 x SD x sqrt(2) x sqrt(1 - r), from the SD and reliability the
  instrument file gives with their source.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from alliance.errors import MeasureError
from alliance.measures.instruments import get_instrument
from alliance.measures.model import Instrument
from alliance.measures.scoring import Score

CATEGORIES = ("recovered", "improved", "unchanged", "deteriorated")
METHODS = ("auto", "published", "jacobson_truax")


@dataclass(frozen=True)
class Change:
    instrument_id: str
    before: float
    after: float
    change: float  # after - before
    improvement: float  # positive when the client is doing better, whatever the direction
    threshold: float
    method: str  # "published" | "jacobson_truax"
    source: str
    reliable: bool
    direction: str  # "improvement" | "deterioration" | "none"
    caseness_before: bool | None
    caseness_after: bool | None
    category: str  # one of CATEGORIES

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def jacobson_truax_threshold(sd: float, reliability: float) -> float:
    """Smallest change that is reliable at p < .05: 1.96 x SD x sqrt(2) x sqrt(1 - r)."""
    if sd <= 0 or not 0 <= reliability < 1:
        raise ValueError("need sd > 0 and 0 <= reliability < 1")
    standard_error = sd * math.sqrt(1 - reliability)
    return 1.96 * math.sqrt(2) * standard_error


def change(instrument_id: str, before: float | Score, after: float | Score, *, method: str = "auto") -> Change:
    """Classify the change from ``before`` to ``after`` (totals or Scores) on one instrument."""
    return change_on(get_instrument(instrument_id), before, after, method=method)


def change_on(instrument: Instrument, before: float | Score, after: float | Score, *, method: str = "auto") -> Change:
    if method not in METHODS:
        raise MeasureError("M012", method=method)
    before_total = _total(instrument, before, "first")
    after_total = _total(instrument, after, "second")
    threshold, used, source = _threshold(instrument, method)
    delta = after_total - before_total
    improvement = -delta if instrument.higher_is == "worse" else delta
    # A tiny tolerance so 6.0 computed as 5.9999999 from floats still counts as "at the threshold".
    reliable = abs(delta) >= threshold - 1e-9
    direction = "none"
    if reliable and improvement > 0:
        direction = "improvement"
    elif reliable and improvement < 0:
        direction = "deterioration"
    cut = instrument.caseness_at_or_above
    case_before = None if cut is None else before_total >= cut
    case_after = None if cut is None else after_total >= cut
    if direction == "deterioration":
        category = "deteriorated"
    elif direction == "improvement":
        category = "recovered" if case_before and case_after is False else "improved"
    else:
        category = "unchanged"
    return Change(
        instrument_id=instrument.id,
        before=before_total,
        after=after_total,
        change=delta,
        improvement=improvement,
        threshold=round(threshold, 2),
        method=used,
        source=source,
        reliable=reliable,
        direction=direction,
        caseness_before=case_before,
        caseness_after=case_after,
        category=category,
    )


def _total(instrument: Instrument, value: float | Score, which: str) -> float:
    total = value.total if isinstance(value, Score) else float(value)
    if not instrument.min_total <= total <= instrument.max_total:
        raise MeasureError(
            "M008", name=instrument.name, low=instrument.min_total, high=instrument.max_total, which=which, value=total
        )
    return total


def _threshold(instrument: Instrument, method: str) -> tuple[float, str, str]:
    jt = instrument.jacobson_truax
    if method in ("auto", "published") and instrument.reliable_change is not None:
        return instrument.reliable_change, "published", instrument.reliable_change_source
    if method in ("auto", "jacobson_truax") and jt:
        value = jacobson_truax_threshold(float(jt["sd"]), float(jt["reliability"]))
        return value, "jacobson_truax", str(jt.get("source", ""))
    if method == "jacobson_truax":
        raise MeasureError("M011", name=instrument.name)
    raise MeasureError("M009", name=instrument.name)

