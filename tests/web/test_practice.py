"""My practice: a practitioner's own trends over the months, in plain words, at a pinned query count."""

from __future__ import annotations

from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
import time_machine

from alliance.records import builders
from alliance.records.models import CheckinResponse, ConversationAnalysis
from alliance.web.pages.practice import MonthValue, monthly_medians, trend_note
from tests.web.helpers import signed_in, visible_text

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=dt_timezone.utc)


def at(month: int, day: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=dt_timezone.utc)


def analyzed(client, when, *, rq, open_pct=50.0, complex_pct=40.0, talk=0.5, status=ConversationAnalysis.Status.DONE):
    contact = builders.make_contact(client, starts_at=when)
    return ConversationAnalysis.objects.create(contact=contact, status=status, metrics={
        "reflection_to_question_ratio": rq, "percent_open_questions": open_pct,
        "percent_complex_reflections": complex_pct, "practitioner_talk_share": talk,
    })


@pytest.fixture
def november():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_practitioner_sees_their_reflections_per_question_rising_in_plain_words(client, personas, november):
    analyzed(personas.client, at(9, 3), rq=0.5)
    analyzed(personas.client, at(9, 17), rq=0.7)
    analyzed(personas.client, at(11, 2), rq=1.1, open_pct=62.0)
    text = visible_text(signed_in(client, personas.practitioner).get("/practice/"))
    assert "<h1>My practice</h1>" in text
    assert "Your reflections per question have risen from 0.6 to 1.1 since September." in text
    assert "Your share of open questions has risen from 50% to 62% since September." in text
    assert "Your share of complex reflections has stayed about the same since September (40% then, 40% in November)." in text
    assert "From 3 analysed sessions." in text


def test_each_chart_has_a_title_a_text_description_and_a_table_of_its_numbers(client, personas, november):
    analyzed(personas.client, at(10), rq=0.8)
    analyzed(personas.client, at(11), rq=1.2)
    text = visible_text(signed_in(client, personas.practitioner).get("/practice/"))
    assert 'role="img"' in text and "<title" in text and "<desc" in text
    assert "The numbers behind this chart" in text
    assert "<td>Oct 2026</td><td>0.8</td><td>1</td>" in text


def test_unfinished_analyses_and_other_peoples_sessions_are_left_out(client, personas, november):
    analyzed(personas.client, at(10), rq=0.8)
    analyzed(personas.client, at(11), rq=6.6, status=ConversationAnalysis.Status.FAILED)
    analyzed(personas.other_client, at(11), rq=7.7)
    text = visible_text(signed_in(client, personas.practitioner).get("/practice/"))
    assert "Your reflections per question were 0.8 in October (one month of analysed sessions so far)." in text
    assert "6.6" not in text and "7.7" not in text


def test_with_nothing_analyzed_the_page_explains_how_trends_begin(client, personas, november):
    text = visible_text(signed_in(client, personas.practitioner).get("/practice/"))
    assert "None of your sessions has been analysed in this period yet." in text
    assert "No analysed sessions in the last 12 months yet." in text
    assert "No relationship check-ins in the last 12 months yet." in text


def test_the_caseloads_relationship_check_ins_are_shown_month_by_month(client, personas, november):
    second = builders.make_client(personas.practitioner, "Rowan Second")
    for person, when, total in ((personas.client, at(8), 2.4), (second, at(8, 20), 2.8), (personas.client, at(11), 3.4)):
        CheckinResponse.objects.create(client=person, instrument_id="relationship-checkin", submitted_at=when, total=total)
    CheckinResponse.objects.create(client=personas.other_client, instrument_id="relationship-checkin", submitted_at=at(11), total=0.5)
    text = visible_text(signed_in(client, personas.practitioner).get("/practice/"))
    assert "Across your caseload, the middle relationship check-in has risen from 2.6 to 3.4 since August." in text
    assert "Talk below 3" in text


def test_a_year_old_month_is_named_with_its_year_and_older_sessions_drop_out(client, personas, november):
    analyzed(personas.client, at(12, 5, 2025), rq=0.4)
    analyzed(personas.client, at(11, 5, 2025), rq=9.0)  # more than twelve months ago
    analyzed(personas.client, at(11), rq=0.9)
    text = visible_text(signed_in(client, personas.practitioner).get("/practice/"))
    assert "Your reflections per question have risen from 0.4 to 0.9 since December 2025." in text


def test_talk_share_is_shown_as_a_percentage_and_falling_is_said_plainly(client, personas, november):
    analyzed(personas.client, at(9), rq=1, talk=0.62)
    analyzed(personas.client, at(11), rq=1, talk=0.48)
    text = visible_text(signed_in(client, personas.practitioner).get("/practice/"))
    assert "Your share of the talking has fallen from 62% to 48% since September." in text


@pytest.mark.parametrize("who", ["admin"])
def test_an_administrator_finds_nothing_here(client, personas, who):
    response = signed_in(client, getattr(personas, who)).get("/practice/")
    assert response.status_code == 404
    assert "Nothing here" in visible_text(response)


def test_someone_not_signed_in_is_sent_to_the_login_page(client, personas):
    response = client.get("/practice/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_practitioner_has_my_practice_in_the_header(client, personas):
    assert '<a href="/practice/">My practice</a>' in visible_text(signed_in(client, personas.practitioner).get("/"))


def test_my_practice_takes_a_pinned_number_of_queries_however_many_sessions(client, personas, november, django_assert_num_queries):
    signed_in(client, personas.practitioner)
    analyzed(personas.client, at(10), rq=1)
    # Session, user, analysed sessions, relationship check-ins.
    with django_assert_num_queries(4):
        client.get("/practice/")
    for month in range(1, 12):
        analyzed(personas.client, at(month), rq=month / 5)
        CheckinResponse.objects.create(client=personas.client, instrument_id="relationship-checkin", submitted_at=at(month), total=3)
    with django_assert_num_queries(4):
        client.get("/practice/")


def test_monthly_medians_take_the_middle_value_of_each_month_and_skip_missing_values():
    rows = [(at(9, 1), 1.0), (at(9, 2), 5.0), (at(9, 3), 2.0), (at(10, 1), None), (at(10, 2), 0.25)]
    assert monthly_medians(rows, scale=2) == [
        MonthValue(at(9).date().replace(day=1), 4.0, 3),
        MonthValue(at(10).date().replace(day=1), 0.5, 1),
    ]


def test_trend_notes_never_rank_or_grade_they_say_what_moved():
    months = [MonthValue(at(3).date(), 55.0, 3), MonthValue(at(6).date(), 40.0, 4)]
    note = trend_note("Pat's", "share of open questions", False, months, unit="%", today=at(11).date())
    assert note == "Pat's share of open questions has fallen from 55% to 40% since March."
    for word in ("best", "worst", "rank", "score", "poor", "fail"):
        assert word not in note.lower()


def test_a_trend_resting_on_very_few_sessions_says_so():
    months = [MonthValue(at(9).date(), 0.2, 1), MonthValue(at(11).date(), 0.9, 7)]
    note = trend_note("Your", "reflections per question", True, months, today=at(11).date())
    assert note == (
        "Your reflections per question have risen from 0.2 to 0.9 since September. "
        "Only 1 in September and 7 in November, so read it lightly."
    )


def test_a_supervisor_sees_their_own_trends_not_their_teams(client, personas, november):
    analyzed(personas.client, at(10), rq=0.8)  # the practitioner's session, not the supervisor's
    text = visible_text(signed_in(client, personas.supervisor).get("/practice/"))
    assert "<h1>My practice</h1>" in text
    assert "None of your sessions has been analysed in this period yet." in text


def test_a_trend_over_many_months_rests_on_all_of_them_not_only_the_first_and_last():
    # A good first month and a good last month around a steady rise: first-vs-last would say "about the same".
    values = [1.2, 0.4, 0.5, 0.7, 0.9, 1.1, 1.2]
    months = [MonthValue(at(m).date().replace(day=1), v, 4) for m, v in zip(range(4, 11), values)]
    note = trend_note("Your", "reflections per question", True, months, same_within=0.1, today=at(11).date())
    assert note == (
        "Your reflections per question have risen since April: a typical month was 0.5 from April to June "
        "and 1.0 from July to October."
    )


def test_one_unusual_month_at_the_end_does_not_turn_a_steady_trend():
    months = [MonthValue(at(m).date().replace(day=1), v, 5) for m, v in zip(range(5, 11), [50, 52, 51, 50, 52, 20])]
    note = trend_note("Your", "share of open questions", False, months, unit="%", same_within=3, today=at(11).date())
    assert note.startswith("Your share of open questions has stayed about the same since May: a typical month was 51%")


def test_a_half_resting_on_very_few_sessions_says_so():
    months = [MonthValue(at(m).date().replace(day=1), v, c) for m, v, c in ((7, 0.5, 1), (8, 0.6, 1), (9, 0.9, 4), (10, 1.1, 4))]
    note = trend_note("Your", "reflections per question", True, months, today=at(11).date())
    assert note.endswith("Only 2 from July to August and 8 from September to October, so read it lightly.")
