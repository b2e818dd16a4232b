"""One ordering of alerts for every page (most urgent, then most recent, first), their age in words,
one alert per event, and wording a person reads without tripping: no code names, no '..', right plurals."""

from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

from alliance.measures import (
    AlertSettings,
    CheckinRecord,
    ClientHistory,
    ContactRecord,
    alerts,
)
from alliance.measures.alerts import age_text, most_urgent_first, plural, sort_key

START = date(2026, 1, 5)


def week(n):
    return START + timedelta(weeks=n)


def row(urgency, when, name):
    return SimpleNamespace(urgency=urgency, when=when, name=name)


def names(items):
    return [i.name for i in items]


def test_most_urgent_first_then_most_recent_first():
    rows = [
        row("info", datetime(2026, 3, 1, tzinfo=timezone.utc), "new info"),
        row("urgent", datetime(2026, 1, 1, tzinfo=timezone.utc), "old urgent"),
        row("attention", datetime(2026, 2, 1, tzinfo=timezone.utc), "attention"),
        row("urgent", datetime(2026, 2, 6, tzinfo=timezone.utc), "new urgent"),
    ]
    assert names(most_urgent_first(rows)) == ["new urgent", "old urgent", "attention", "new info"]


def test_the_ordering_accepts_dates_datetimes_and_iso_strings_alike():
    assert sort_key("urgent", "2026-02-06") < sort_key("urgent", date(2026, 1, 1))
    assert sort_key("urgent", datetime(2026, 2, 6, 9, 0)) < sort_key("urgent", "2026-02-06")
    assert sort_key("attention", "2027-01-01") > sort_key("urgent", "2020-01-01")
    assert sort_key("unknown", "2027-01-01") > sort_key("info", "2020-01-01")


def test_the_core_returns_two_critical_answers_newest_first():
    phq = [0] * 8
    found = alerts([CheckinRecord("phq-9", week(0), tuple(phq + [1])), CheckinRecord("gad-7", week(1), (0,) * 7),
                    CheckinRecord("phq-9", week(5), tuple(phq + [2]))])
    urgent = [a for a in found if a.urgency == "urgent"]
    assert [a.when for a in urgent] == [week(5).isoformat()]  # only the latest check-in's answer is a new alert
    assert all(a.when for a in found)


def test_age_in_words():
    now = datetime(2026, 3, 10, 15, 0)
    assert age_text(datetime(2026, 3, 10, 8, 0), now) == "today"
    assert age_text(date(2026, 3, 9), now) == "yesterday"
    assert age_text(date(2026, 3, 7), now) == "3 days ago"
    assert age_text(date(2026, 2, 2), now) == "5 weeks ago"
    assert age_text(date(2025, 12, 1), now) == "3 months ago"
    assert age_text(date(2026, 2, 24), now) == "2 weeks ago"


def test_plurals():
    assert plural(1, "question") == "1 question"
    assert plural(12, "question") == "12 questions"
    assert plural(0, "contact") == "0 contacts"


def relationship(answers, n):
    return CheckinRecord("relationship-checkin", week(n), tuple(answers))


def test_a_rupture_is_one_alert_that_says_both_how_low_and_how_far_it_fell():
    found = alerts([relationship([4, 4, 4, 4, 4], 0), relationship([2, 1, 2, 3, 2], 1)])
    assert [a.kind for a in found] == ["relationship_low"]
    [alert] = found
    assert "It was 4 on 2026-01-05." in alert.message
    assert alert.evidence["before"]["total"] == 4 and alert.evidence["after"]["total"] == 2


def test_messages_have_no_double_full_stops_or_code_names():
    histories = [
        [relationship([4, 4, 4, 4, 4], 0), relationship([2, 1, 2, 3, 2], 1)],
        [relationship([4, 4, 4, 4, 4], 0), relationship([4, 3, 4, 4, 4], 1)],
        [CheckinRecord("phq-9", week(0), (3, 3, 3, 3, 3, 2, 0, 0, 1))],
        ClientHistory(checkins=[CheckinRecord("phq-9", week(0), (2,) * 8 + (0,)), CheckinRecord("phq-9", week(7), (2,) * 8 + (0,))],
                      contacts=[ContactRecord(week(n), True) for n in range(7)]),
    ]
    messages = [a.message for h in histories for a in alerts(h)]
    assert len(messages) >= 4
    for message in messages:
        assert ".." not in message and ". ." not in message and "_" not in message, message


def test_one_missed_contact_in_a_row_setting_reads_in_the_singular():
    history = ClientHistory(contacts=[ContactRecord(week(1), False, cancelled_by="client")])
    [alert] = alerts(history, AlertSettings(missed_in_a_row=1))
    assert alert.message.startswith("The last contact (2026-01-12) was missed.")
