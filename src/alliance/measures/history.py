"""Plain records of what happened with one client, as the alerts need them (no database types)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone


@dataclass(frozen=True)
class CheckinRecord:
    """One instrument of one check-in. ``answers`` is None when the check-in was sent but not answered."""

    instrument_id: str
    when: datetime | date
    answers: tuple[int | None, ...] | None
    language: str = "en"

    @property
    def missed(self) -> bool:
        return self.answers is None


@dataclass(frozen=True)
class ContactRecord:
    """One planned contact. ``cancelled_by`` is "client", "practitioner" or None (a no-show when not attended)."""

    when: datetime | date
    attended: bool
    cancelled_by: str | None = None

    @property
    def missed_by_client(self) -> bool:
        # A practitioner's cancellation is not the client's missed contact.
        return not self.attended and self.cancelled_by != "practitioner"


@dataclass(frozen=True)
class ClientHistory:
    checkins: Sequence[CheckinRecord] = field(default_factory=tuple)
    contacts: Sequence[ContactRecord] = field(default_factory=tuple)


def as_datetime(when: datetime | date) -> datetime:
    """Dates and datetimes sort together: aware times become naive UTC, dates become midnight."""
    if isinstance(when, datetime):
        return when.astimezone(timezone.utc).replace(tzinfo=None) if when.tzinfo else when
    return datetime.combine(when, time())


def day(when: datetime | date) -> str:
    return as_datetime(when).date().isoformat()
