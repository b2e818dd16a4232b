"""The practice room pages: a learner practises with no client access; a supervisor assigns and sees completion."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
import time_machine

from alliance.practice import get_scenario, load_drills
from alliance.records import builders
from alliance.records.models import (
    AuditEntry,
    PracticeAssignment,
    PracticeAttempt,
    Role,
)
from tests.personas import PASSWORD
from tests.web.helpers import signed_in


def visible_text(response) -> str:
    """What a person reads: tags dropped, entities decoded, whitespace collapsed."""
    body = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", response.content.decode())
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())

REFLECTION = "So you feel stretched thin, with nothing left for yourself."


@pytest.fixture
def learner(personas):
    return builders.make_user("lee", role=Role.LEARNER, team=personas.team, password=PASSWORD,
                              first_name="Lee", last_name="Learner")


def first_drill(task="reflect"):
    return next(d for d in load_drills() if d.task == task)


def test_a_learner_lands_in_the_practice_room_and_my_practice_leads_there_too(client, learner):
    signed_in(client, learner)
    assert client.get("/").url == "/practice-room/"
    assert client.get("/practice/").url == "/practice-room/"
    text = visible_text(client.get("/practice-room/"))
    assert "Practice room" in text and "Response drills" in text and "Scenario questions" in text
    assert "Caseload" not in text


def test_a_learner_sees_no_client_record(client, personas, learner):
    signed_in(client, learner)
    assert client.get(f"/clients/{personas.client.pk}/").status_code == 404
    assert client.get(f"/contacts/{builders.make_contact(personas.client).pk}/").status_code == 404
    assert client.get("/team/").status_code == 404
    assert client.get("/clients/new/").status_code in (403, 404)


def test_a_typed_response_gets_a_verdict_and_the_recorded_reply_and_is_stored_privately(client, learner):
    drill = first_drill()
    signed_in(client, learner)
    r = client.post(f"/practice-room/drills/{drill.id}/", {"response": REFLECTION})
    assert r.status_code == 200
    text = visible_text(r)
    assert "What your response does" in text
    assert "One possible way" in text and drill.reply in text and "AnnoMI" in text
    attempt = PracticeAttempt.objects.get(learner=learner)
    assert attempt.response == REFLECTION and attempt.task == "reflect" and not attempt.shared
    assert attempt.outcome in ("met", "other", "unsure")


def test_the_htmx_request_gets_only_the_verdict(client, learner):
    drill = first_drill()
    signed_in(client, learner)
    r = client.post(f"/practice-room/drills/{drill.id}/", {"response": REFLECTION}, HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert 'id="verdict"' in body and "<html" not in body
    r = client.post(f"/practice-room/drills/{drill.id}/", {"response": " "}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200  # htmx swaps only 2xx answers
    assert "Type a response first" in r.content.decode()


def test_the_drill_page_and_its_htmx_verdict_say_they_vary_on_hx_request(client, learner):
    drill = first_drill()
    signed_in(client, learner)
    assert "HX-Request" in client.get(f"/practice-room/drills/{drill.id}/")["Vary"]
    assert "HX-Request" in client.post(f"/practice-room/drills/{drill.id}/", {"response": REFLECTION}, HTTP_HX_REQUEST="true")["Vary"]


def test_an_empty_response_gets_a_plain_message_and_nothing_is_saved(client, learner):
    signed_in(client, learner)
    r = client.post(f"/practice-room/drills/{first_drill().id}/", {"response": "  "})
    assert r.status_code == 400
    assert "Type a response first: what would you say to this person?" in visible_text(r)
    assert not PracticeAttempt.objects.exists()


def test_a_bad_drill_or_question_id_is_404(client, learner):
    signed_in(client, learner)
    assert client.get("/practice-room/drills/nope/").status_code == 404
    assert client.get("/practice-room/questions/nope/").status_code == 404
    assert client.get("/practice-room/assignments/not-a-uuid/next/").status_code == 404


def test_a_scenario_answer_shows_the_rationale_and_a_missed_question_comes_back(client, learner):
    s = get_scenario("rupture-01")
    wrong = next(o for o in s.options if not o.best)
    signed_in(client, learner)
    t0 = datetime(2026, 3, 2, 10, 0, tzinfo=dt_timezone.utc)
    with time_machine.travel(t0, tick=False):
        r = client.post("/practice-room/questions/rupture-01/", {"choice": wrong.letter})
        text = visible_text(r)
        assert "Not quite" in text and wrong.rationale in text and s.best.rationale in text
        assert "ruptures" in text
    with time_machine.travel(t0 + timedelta(minutes=15), tick=False):
        assert client.get("/practice-room/questions/next/").url == "/practice-room/questions/rupture-01/"
        assert "1 question you missed is ready to try again." in visible_text(client.get("/practice-room/"))


def test_a_bad_choice_says_what_to_choose(client, learner):
    signed_in(client, learner)
    r = client.post("/practice-room/questions/rupture-01/", {"choice": "Z"})
    assert r.status_code == 400
    assert "Choose one of the answers (A, B, C, D), not 'Z'." in visible_text(r)


def test_only_the_learner_can_share_their_response(client, learner, personas):
    drill = first_drill()
    attempt = PracticeAttempt.objects.create(learner=learner, kind="drill", item_id=drill.id, task=drill.task, response="Mine.")
    signed_in(client, personas.supervisor)
    assert client.post(f"/practice-room/responses/{attempt.pk}/share/", {"shared": "1"}).status_code == 404
    assert "Mine." not in visible_text(client.get("/practice-room/team/"))
    signed_in(client, learner)
    client.post(f"/practice-room/responses/{attempt.pk}/share/", {"shared": "1"})
    attempt.refresh_from_db()
    assert attempt.shared
    signed_in(client, personas.supervisor)
    assert "Mine." in visible_text(client.get("/practice-room/team/"))


def test_a_supervisor_assigns_a_drill_set_and_sees_completion_without_ranking(client, personas, learner):
    signed_in(client, personas.supervisor)
    r = client.post("/practice-room/team/", {"title": "Week 1", "tasks": ["reflect"], "principles": ["ruptures"]})
    assert r.status_code == 302
    a = PracticeAssignment.objects.get()
    assert len(a.drill_ids) == 3 and len(a.scenario_ids) == 2 and a.team == personas.team
    signed_in(client, learner)
    assert "Week 1 : 0 of 5 done (not started)" in visible_text(client.get("/practice-room/"))
    nxt = client.get(f"/practice-room/assignments/{a.pk}/next/")
    assert nxt.url == f"/practice-room/drills/{a.drill_ids[0]}/"
    client.post(nxt.url, {"response": REFLECTION})
    signed_in(client, personas.supervisor)
    text = visible_text(client.get("/practice-room/team/"))
    assert "Lee Learner 1 of 5 In progress" in text
    assert "Pat Practitioner 0 of 5 Not started" in text
    assert REFLECTION not in text  # private unless shared
    assert AuditEntry.objects.filter(actor=personas.supervisor, record_type="practice_team").exists()


def test_an_assignment_needs_a_name_and_something_in_it(client, personas):
    signed_in(client, personas.supervisor)
    r = client.post("/practice-room/team/", {"title": ""})
    assert r.status_code == 400
    text = visible_text(r)
    assert "Give the drill set a name" in text and "Choose at least one kind of drill or one scenario topic." in text


def test_the_team_page_is_404_for_everyone_but_a_supervisor(client, personas, learner):
    for user in (learner, personas.practitioner, personas.admin):
        signed_in(client, user)
        assert client.get("/practice-room/team/").status_code == 404


def test_another_teams_assignment_is_404(client, personas, learner):
    a = PracticeAssignment.objects.create(team=personas.other_team, title="Theirs", drill_ids=[first_drill().id])
    signed_in(client, learner)
    assert client.get(f"/practice-room/assignments/{a.pk}/next/").status_code == 404
    assert "Theirs" not in visible_text(client.get("/practice-room/"))


def test_an_administrator_does_not_practise_here(client, personas):
    signed_in(client, personas.admin)
    assert client.get("/practice-room/").status_code == 404


def test_practitioners_and_supervisors_see_the_practice_room_in_the_menu(client, personas):
    signed_in(client, personas.practitioner)
    assert "Practice room" in visible_text(client.get("/practice/"))


def test_the_team_page_takes_the_same_number_of_queries_however_many_assignments(client, personas, learner):
    signed_in(client, personas.supervisor)
    PracticeAssignment.objects.create(team=personas.team, title="One", drill_ids=[first_drill().id], created_by=personas.supervisor)
    client.get("/practice-room/team/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/practice-room/team/")
    for n in range(4):
        PracticeAssignment.objects.create(team=personas.team, title=f"More {n}", drill_ids=[first_drill().id], created_by=personas.supervisor)
    with CaptureQueriesContext(connection) as five:
        assert client.get("/practice-room/team/").status_code == 200
    assert len(five.captured_queries) == len(one.captured_queries)
