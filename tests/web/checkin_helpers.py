"""Helpers the check-in tests share: make a link, fill in its form like a client would."""

from __future__ import annotations

from alliance import measures
from alliance.records import checkin_service


def new_link(personas, instruments=("relationship-checkin",), **kwargs):
    return checkin_service.create_link(personas.client, created_by=personas.practitioner, instruments=instruments, **kwargs)


def form_data(answers: dict[str, list[int | None]]) -> dict[str, str]:
    """POST fields for these answers (None leaves an item unanswered)."""
    data = {}
    for instrument_id, values in answers.items():
        assert len(values) == len(measures.get_instrument(instrument_id).items)
        data.update({f"{instrument_id}-{n}": str(v) for n, v in enumerate(values, 1) if v is not None})
    return data
