"""Working hours for escalation: time outside the working day does not count."""

from datetime import datetime, timedelta, timezone

import pytest

from alliance.measures.escalation import WorkingHours

HOURS = WorkingHours()  # 09:00-17:00, Monday to Friday


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2026, 11, 30, 10, 0), datetime(2026, 11, 30, 14, 0)),  # Monday morning: the same afternoon
        (datetime(2026, 11, 30, 15, 30), datetime(2026, 12, 1, 11, 30)),  # 1.5 h today, 2.5 h tomorrow
        (datetime(2026, 11, 30, 7, 0), datetime(2026, 11, 30, 13, 0)),  # before the day starts
        (datetime(2026, 11, 27, 18, 0), datetime(2026, 11, 30, 13, 0)),  # Friday evening: Monday 13:00
        (datetime(2026, 11, 28, 12, 0), datetime(2026, 11, 30, 13, 0)),  # Saturday
        (datetime(2026, 11, 30, 17, 0), datetime(2026, 12, 1, 13, 0)),  # at the end of the day
    ],
)
def test_four_working_hours_later(start, expected):
    assert HOURS.add(start, 4) == expected


def test_the_time_zone_is_kept():
    tz = timezone(timedelta(hours=1))
    assert HOURS.add(datetime(2026, 11, 30, 10, 0, tzinfo=tz), 4) == datetime(2026, 11, 30, 14, 0, tzinfo=tz)


def test_a_round_the_clock_agency_counts_every_hour():
    always = WorkingHours(start=0, end=24, days=tuple(range(7)))
    assert always.add(datetime(2026, 11, 28, 22, 0), 4) == datetime(2026, 11, 29, 2, 0)


def test_impossible_working_hours_are_refused():
    with pytest.raises(ValueError):
        WorkingHours(start=17, end=9)
