"""Expected-change bands from an agency's own past clients who started in the same severity band.

Until there are enough past clients (``MINIMUM_PAST_CLIENTS``) the bands are not used and
Alliance relies on reliable change alone; ``ExpectedBands.message`` says so in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from alliance.errors import MeasureError
from alliance.measures.instruments import get_instrument

# Thirty is a common rule of thumb for quartiles that do not jump about with each new client.
MINIMUM_PAST_CLIENTS = 30


@dataclass(frozen=True)
class PastOutcome:
    """One past client's first and last total on one instrument."""

    instrument_id: str
    intake_total: float
    final_total: float


@dataclass(frozen=True)
class ExpectedBands:
    instrument_id: str
    intake_band: str
    count: int
    minimum: int
    enough: bool
    # Improvement (points better, whatever the scale's direction) at the 25th/50th/75th percentile.
    lower: float | None
    median: float | None
    upper: float | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def expected_change_bands(
    past_clients: Iterable[PastOutcome],
    intake_band: str,
    *,
    instrument_id: str = "phq-9",
    minimum: int = MINIMUM_PAST_CLIENTS,
) -> ExpectedBands:
    """Quartiles of improvement among past clients whose intake total fell in ``intake_band``."""
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 2:
        raise MeasureError("M013", value=minimum)
    instrument = get_instrument(instrument_id)
    worse_is_higher = instrument.higher_is == "worse"
    improvements = [
        (p.intake_total - p.final_total) if worse_is_higher else (p.final_total - p.intake_total)
        for p in past_clients
        if p.instrument_id == instrument.id and instrument.band_for(p.intake_total).id == intake_band
    ]
    count = len(improvements)
    if count < minimum:
        return ExpectedBands(
            instrument.id, intake_band, count, minimum, False, None, None, None,
            f"Only {count} past clients started {instrument.name} in the '{intake_band}' band; "
            f"expected-change bands need at least {minimum}, so until then Alliance uses reliable change alone.",
        )
    lower, median, upper = (float(round(q, 1)) for q in np.percentile(improvements, [25, 50, 75]))
    return ExpectedBands(
        instrument.id, intake_band, count, minimum, True, lower, median, upper,
        f"Based on {count} past clients who started {instrument.name} in the '{intake_band}' band: "
        f"half improved by {lower:g} to {upper:g} points (middle {median:g}).",
    )
