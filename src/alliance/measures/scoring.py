"""Score one set of answers exactly as the instrument's data file says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from alliance.errors import MeasureError
from alliance.measures.instruments import get_instrument
from alliance.measures.model import Instrument


@dataclass(frozen=True)
class CriticalAnswer:
    item: int  # 1-based position
    answer: int
    reason: str


@dataclass(frozen=True)
class Score:
    instrument_id: str
    answers: tuple[int | None, ...]
    total: float
    min_total: float
    max_total: float
    severity: str  # band id
    severity_label: str  # English label; use Instrument.bands for other languages
    caseness: bool | None  # None where the instrument has no caseness cut-off
    critical_items: tuple[CriticalAnswer, ...] = ()
    prorated: bool = False
    missing: tuple[int, ...] = ()  # 1-based positions left unanswered
    worth_a_conversation: bool | None = None  # relationship check-ins only
    low_items: tuple[int, ...] = field(default=())  # relationship items at/below the item threshold

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["answers"] = list(self.answers)
        data["critical_items"] = [asdict(c) for c in self.critical_items]
        data["missing"] = list(self.missing)
        data["low_items"] = list(self.low_items)
        return data


def check_answers(instrument: Instrument, answers: Sequence[int | None]) -> tuple[int | None, ...]:
    """The answers as a tuple, or MeasureError naming the instrument, the count and the range."""
    fields = {
        "name": instrument.name,
        "count": len(instrument.items),
        "low": instrument.min_answer,
        "high": instrument.max_answer,
    }
    if len(answers) != len(instrument.items):
        raise MeasureError("M003", got=len(answers), **fields)
    allowed = {o.value for o in instrument.options}
    for position, value in enumerate(answers, 1):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise MeasureError("M004", position=position, value=value, **fields)
    return tuple(answers)


def score(instrument_id: str, answers: Sequence[int | None]) -> Score:
    """Score answers (None for an unanswered item) by the instrument's published rule."""
    return score_instrument(get_instrument(instrument_id), answers)


def score_instrument(instrument: Instrument, answers: Sequence[int | None]) -> Score:
    answers = check_answers(instrument, answers)
    missing = tuple(n for n, a in enumerate(answers, 1) if a is None)
    if len(missing) > instrument.max_missing:
        raise MeasureError(
            "M005",
            name=instrument.name,
            missing=len(missing),
            count=len(instrument.items),
            positions=", ".join(map(str, missing)),
            allowed=instrument.max_missing,
        )
    given = [a for a in answers if a is not None]
    if instrument.scoring_method == "sum":
        # Prorating (only where the file allows missing items) scales the sum up to all items.
        raw = sum(given) * len(answers) / len(given) if missing else sum(given)
        total: float = int(raw + 0.5) if missing else raw  # half up, as on paper
    else:
        total = round(sum(given) / len(given), 2)
    band = instrument.band_for(total)
    caseness = None if instrument.caseness_at_or_above is None else total >= instrument.caseness_at_or_above
    critical = tuple(
        CriticalAnswer(c.item, answers[c.item - 1], c.reason)
        for c in instrument.critical_items
        if answers[c.item - 1] is not None and answers[c.item - 1] > c.above
    )
    conversation, low_items = None, ()
    threshold = instrument.conversation_threshold
    if threshold:
        low_items = tuple(n for n, a in enumerate(answers, 1) if a is not None and a <= threshold["item_at_or_below"])
        conversation = total < threshold["mean_below"] or bool(low_items)
    return Score(
        instrument_id=instrument.id,
        answers=answers,
        total=total,
        min_total=instrument.min_total,
        max_total=instrument.max_total,
        severity=band.id,
        severity_label=band.label.get("en", band.id),
        caseness=caseness,
        critical_items=critical,
        prorated=bool(missing),
        missing=missing,
        worth_a_conversation=conversation,
        low_items=low_items,
    )


def score_if_complete(instrument: Instrument, answers: Sequence[int | None]) -> Score | None:
    """Score the answers, or None when too many items are unanswered to score (M005); other errors raise."""
    try:
        return score_instrument(instrument, answers)
    except MeasureError as exc:
        if exc.code != "M005":
            raise
        return None
