"""When an unanswered urgent alert moves to the next person: working hours, pure Python.

An urgent alert first reaches the client's practitioner. If nobody acknowledges it within the
agency's escalation time, counted in working hours, it reaches the team's supervisors, and after
the same time again the agency's duty address (documented in docs/checkins.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

# Who is told, in order. "practitioner" is told at once; each later level after the escalation time.
LEVELS = ("practitioner", "supervisors", "duty")


@dataclass(frozen=True)
class WorkingHours:
    """The agency's working day (local time): from ``start`` to ``end`` o'clock on ``days`` (0 is Monday)."""

    start: int = 9
    end: int = 17
    days: tuple[int, ...] = (0, 1, 2, 3, 4)

    def __post_init__(self):
        if not (0 <= self.start < self.end <= 24) or not self.days:
            raise ValueError("working hours need 0 <= start < end <= 24 and at least one working day")

    def _bounds(self, moment: datetime) -> tuple[datetime, datetime]:
        day_start = moment.replace(hour=self.start, minute=0, second=0, microsecond=0)
        day_end = (
            moment.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
            if self.end == 24
            else moment.replace(hour=self.end, minute=0, second=0, microsecond=0)
        )
        return day_start, day_end

    def add(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` working hours after ``start`` (a local time; any tzinfo is kept).

        Time outside working hours does not count: an alert raised on Friday evening with four
        working hours to wait escalates at 13:00 on Monday.
        """
        remaining = timedelta(hours=hours)
        moment = start
        for _ in range(3700):  # ten years of days: a bound, never reached with valid hours
            day_start, day_end = self._bounds(moment)
            if moment.weekday() in self.days and moment < day_end:
                moment = max(moment, day_start)
                available = day_end - moment
                if remaining <= available:
                    return moment + remaining
                remaining -= available
            moment = datetime.combine(moment.date() + timedelta(days=1), time(0), tzinfo=moment.tzinfo)
        raise ValueError("could not place the escalation time in working hours")
