"""Check-in answers as CSV for analysts: one row per response, pseudonymous client reference only."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from alliance.measures.history import CheckinRecord, as_datetime
from alliance.measures.instruments import get_instrument
from alliance.measures.scoring import score_if_complete

FIXED_COLUMNS = ["client_ref", "instrument_id", "when", "language", "total", "severity", "caseness", "prorated"]


def responses_csv(rows: Iterable[tuple[str, CheckinRecord]]) -> str:
    """CSV text with a header; item columns item_1..item_N cover the longest instrument present."""
    prepared = []
    width = 0
    for client_ref, record in rows:
        if record.missed:
            continue
        instrument = get_instrument(record.instrument_id)
        scored = score_if_complete(instrument, record.answers)  # None: answers still go out, no total
        width = max(width, len(record.answers))
        prepared.append((client_ref, record, scored))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIXED_COLUMNS + [f"item_{n}" for n in range(1, width + 1)])
    for client_ref, record, scored in prepared:
        answers = ["" if a is None else a for a in record.answers]
        writer.writerow(
            [
                _safe(client_ref),
                record.instrument_id,
                as_datetime(record.when).isoformat(),
                record.language,
                "" if scored is None else f"{scored.total:g}",
                "" if scored is None else scored.severity,
                "" if scored is None or scored.caseness is None else str(scored.caseness).lower(),
                "" if scored is None else str(scored.prorated).lower(),
                *answers,
                *[""] * (width - len(answers)),
            ]
        )
    return buffer.getvalue()


def _safe(text: str) -> str:
    # Spreadsheets run cells that start with these as formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
