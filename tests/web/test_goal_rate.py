"""Rating a goal on the goal-attainment scale (−2 … +2): only the client's practitioner."""

from __future__ import annotations

import pytest

from alliance.records import builders
from alliance.records.models import GoalRating
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


@pytest.fixture
def goal(personas):
    return builders.make_goal(personas.client, "Sleep through the night")


def url(goal) -> str:
    return f"/goals/{goal.pk}/rate/"


def test_the_form_shows_the_goal_and_the_view_is_audited(client, personas, goal):
    response = signed_in(client, personas.practitioner).get(url(goal))
    assert response.status_code == 200
    assert "Where does this goal stand today?" in visible_text(response)
    assert "Sleep through the night" in visible_text(response)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("view", "goal")]


def test_a_rating_is_saved_shown_on_the_client_page_and_audited(client, personas, goal):
    response = signed_in(client, personas.practitioner).post(url(goal), {"rated_on": "2026-11-20", "level": "1"})
    assert response.status_code == 302
    rating = GoalRating.objects.get(goal=goal)
    assert (rating.level, rating.rated_on.isoformat(), rating.created_by) == (1, "2026-11-20", personas.practitioner)
    assert audit_trail(personas.practitioner, client_id=personas.client.pk) == [("create", "goalrating")]
    assert "20 Nov 2026" in visible_text(client.get(f"/clients/{personas.client.pk}/"))


@pytest.mark.parametrize(
    ("data", "field"),
    [({"rated_on": "2026-11-20", "level": "3"}, "level"), ({"rated_on": "2026-11-20", "level": "-3"}, "level"),
     ({"rated_on": "2026-11-20", "level": "a lot"}, "level"), ({"rated_on": "", "level": "0"}, "rated_on")],
)
def test_a_level_outside_the_scale_or_a_missing_date_is_a_field_error_and_saves_nothing(client, personas, goal, data, field):
    response = signed_in(client, personas.practitioner).post(url(goal), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not GoalRating.objects.exists()
    assert audit_trail(personas.practitioner) == []


def test_the_supervisor_may_not_rate_it(client, personas, goal):
    signed_in(client, personas.supervisor)
    assert client.post(url(goal), {"rated_on": "2026-11-20", "level": "1"}).status_code == 403
    assert not GoalRating.objects.exists()
    assert audit_trail(personas.supervisor) == [("denied", "goal")]


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_else_gets_not_found(client, personas, goal, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(goal)).status_code == 404
    assert client.post(url(goal), {"rated_on": "2026-11-20", "level": "1"}).status_code == 404
    assert not GoalRating.objects.exists()


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(f"/goals/{bad_id}/rate/").status_code == 404


def test_each_level_on_the_form_reads_as_the_client_described_it(client, personas):
    goal = builders.make_goal(
        personas.client, "Sleep through the night", level_minus_2="Awake most nights", level_minus_1="Up a few times",
        level_0="Three nights a week", level_plus_1="Most nights", level_plus_2="",
    )
    text = visible_text(signed_in(client, personas.practitioner).get(url(goal)))
    assert "+1: Most nights (somewhat more than expected)</option>" in text
    assert "\u22122: Awake most nights (much less than expected)</option>" in text
    assert "+2: Much more than expected</option>" in text  # a level the client left blank
    assert text.index("+2:") < text.index("0: Three nights a week") < text.index("\u22122:")
