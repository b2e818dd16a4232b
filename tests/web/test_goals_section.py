"""The Goals section of the client page: five levels in the client's words, ratings, the GAS T-score; and the timeline."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.utils import timezone

from alliance.measures.gas import GoalLevel, t_score
from alliance.records import builders
from alliance.records.models import AuditEntry, CheckinResponse, Goal
from tests.web.helpers import BAD_IDS, signed_in
from tests.web.helpers import visible_text as raw_text

LEVELS = dict(
    level_minus_2="Awake most nights", level_minus_1="Up a few times most nights", level_0="Sleeping through three nights a week",
    level_plus_1="Sleeping through most nights", level_plus_2="Sleeping well and waking rested",
)


def visible_text(response) -> str:
    return html.unescape(raw_text(response))


def page(django_client, personas, who="practitioner"):
    return visible_text(signed_in(django_client, getattr(personas, who)).get(f"/clients/{personas.client.pk}/"))


@pytest.fixture
def sleep(personas):
    return builders.make_goal(personas.client, "Sleep through the night", **LEVELS)


def test_each_goal_shows_its_five_levels_in_the_clients_words_with_where_it_stands_now(client, personas, sleep):
    builders.rate_goal(sleep, -1, date(2026, 9, 1))
    builders.rate_goal(sleep, 1, date(2026, 10, 6))
    text = page(client, personas)
    assert "Goals, in Casey's words" in text
    assert "“Sleep through the night”" in text
    for words in LEVELS.values():
        assert words in text
    current = text.split('class="current"')[1].split("</li>")[0]
    assert "Sleeping through most nights" in current and "where things stand now" in current
    assert text.count("where things stand now") == 1
    # Each rating reads with the client's own words for that level, not as a bare number.
    assert "Latest rating: +1 (Sleeping through most nights) on 6 Oct 2026." in text
    assert "1 Sep 2026: −1 (Up a few times most nights) · 6 Oct 2026: +1 (Sleeping through most nights)" in text


def test_the_t_score_over_time_is_charted_with_a_table_and_a_plain_explanation(client, personas, sleep):
    work = builders.make_goal(personas.client, "Find a job that suits my back", weight=2)
    builders.rate_goal(sleep, -1, date(2026, 9, 1))
    builders.rate_goal(work, 0, date(2026, 9, 15))
    text = page(client, personas)
    expected = round(t_score([GoalLevel("s", -1, 1), GoalLevel("w", 0, 2)]), 1)
    assert f"The goal attainment T-score is {expected} as of 15 Sep 2026." in text
    assert "50 means the active goals are, together, where Casey and you expected them to be" in text
    assert "<td>1 Sep 2026</td><td>40.0</td><td>1</td>" in text
    assert f"<td>15 Sep 2026</td><td>{expected}</td><td>2</td>" in text
    assert 'role="img"' in text and "Goal attainment T-score over time" in text
    assert "50: where we expected to be" in text


def test_goals_that_are_no_longer_active_keep_their_history_but_leave_the_t_score(client, personas, sleep):
    stopped = builders.make_goal(personas.client, "Move house", status=Goal.Status.STOPPED)
    builders.rate_goal(sleep, 2, date(2026, 9, 1))
    builders.rate_goal(stopped, -2, date(2026, 9, 1))
    text = page(client, personas)
    assert "The goal attainment T-score is 70.0 as of 1 Sep 2026." in text
    assert "“Move house”" in text and "No longer a goal" in text


def test_with_no_ratings_there_is_no_chart_and_each_goal_says_not_rated_yet(client, personas, sleep):
    text = page(client, personas)
    assert "Goal attainment over time" not in text
    assert "Not rated yet." in text


def test_a_goal_without_levels_invites_writing_them_together(client, personas):
    bare = builders.make_goal(personas.client, "Feel less alone")
    text = page(client, personas)
    assert "The five levels haven't been written yet." in text
    assert f'<a href="/goals/{bare.pk}/edit/">Write them together</a>' in text


def test_the_practitioner_can_rate_and_edit_but_the_supervisor_only_reads(client, personas, sleep):
    mine = page(client, personas)
    assert f'href="/goals/{sleep.pk}/rate/"' in mine and f'href="/goals/{sleep.pk}/edit/"' in mine
    theirs = page(client, personas, "supervisor")
    assert "Sleeping through most nights" in theirs
    assert f'href="/goals/{sleep.pk}/rate/"' not in theirs and f'href="/goals/{sleep.pk}/edit/"' not in theirs


@pytest.mark.parametrize("who", ["teammate", "stranger", "admin"])
def test_people_who_may_not_see_the_client_see_no_goals(client, personas, sleep, who):
    response = signed_in(client, getattr(personas, who)).get(f"/clients/{personas.client.pk}/")
    assert response.status_code == 404
    assert "Sleep through the night" not in visible_text(response)
    assert AuditEntry.objects.filter(actor=getattr(personas, who), action="denied", client_id=personas.client.pk).exists()


def test_a_bad_client_id_finds_nothing(client, personas):
    signed_in(client, personas.practitioner)
    for bad in BAD_IDS:
        assert client.get(f"/clients/{bad}/").status_code == 404


def test_opening_the_client_page_is_audited_once(client, personas, sleep):
    page(client, personas)
    assert list(AuditEntry.objects.filter(actor=personas.practitioner).values_list("action", "record_type")) == [("view", "client")]


def test_the_timeline_puts_contacts_check_ins_ratings_and_reflections_in_date_order(client, personas, sleep):
    when = datetime(2026, 9, 1, 10, tzinfo=dt_timezone.utc)
    first = builders.make_contact(personas.client, starts_at=when)
    builders.make_reflection(first, shared_with_supervisor=False)
    builders.rate_goal(sleep, -1, date(2026, 9, 8))
    CheckinResponse.objects.create(client=personas.client, instrument_id="phq-9", submitted_at=when + timedelta(days=14), total=12, severity="moderate")
    builders.make_contact(personas.client, starts_at=when + timedelta(days=21))
    timeline = page(client, personas).split('id="timeline-heading"')[1].split("</section>")[0]
    order = ["22 Sep 2026", "15 Sep 2026", "8 Sep 2026", "1 Sep 2026"]
    assert [timeline.index(day) for day in order] == sorted(timeline.index(day) for day in order)
    assert "PHQ-9: 12 (Moderate)" in timeline
    assert "“Sleep through the night” rated −1, somewhat less than expected: “Up a few times most nights”" in timeline
    assert "By Pat Practitioner" in timeline
    assert f'href="/contacts/{first.pk}/"' in timeline


def test_the_supervisor_sees_only_shared_reflections_in_the_timeline(client, personas):
    contact = builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=3))
    builders.make_reflection(contact, shared_with_supervisor=False)
    timeline = page(client, personas, "supervisor").split('id="timeline-heading"')[1].split("</section>")[0]
    assert "Reflection" not in timeline
    contact.reflections.update(shared_with_supervisor=True)
    timeline = page(client, personas, "supervisor").split('id="timeline-heading"')[1].split("</section>")[0]
    assert "By Pat Practitioner, shared with the supervisor" in timeline


def test_the_client_page_query_count_does_not_grow_with_goals_and_ratings(client, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client, personas.practitioner)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/clients/{personas.client.pk}/")
        return len(queries)

    goal = builders.make_goal(personas.client, "One", **LEVELS)
    builders.rate_goal(goal, 0, date(2026, 9, 1))
    few = count()
    for n in range(5):
        extra = builders.make_goal(personas.client, f"Goal {n}", **LEVELS)
        for month in range(1, 8):
            builders.rate_goal(extra, (n + month) % 5 - 2, date(2026, month, 3))
    assert count() == few
