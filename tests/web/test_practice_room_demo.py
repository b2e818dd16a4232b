"""The demo's practice room: demo-learner has history; the demo supervisor sees the assignment's completion."""

from __future__ import annotations

import html
import random
import re

from django.utils import timezone

from alliance.records.demo import DEMO_LOGINS, World
from alliance.records.demo_practice import extend
from alliance.records.models import PracticeAssignment, PracticeAttempt, Role, User
from tests.web.helpers import signed_in


def text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_demo_learner_has_history_and_the_supervisor_sees_completion(client, personas):
    world = World(rng=random.Random(1), today=timezone.now().replace(hour=0, minute=0, second=0, microsecond=0),
                  teams={"north": personas.team}, users={"demo-supervisor": personas.supervisor})
    extend(world)
    learner = User.objects.get(username="demo-learner")
    assert learner.role == Role.LEARNER and learner.check_password("alliance-demo")
    assert "demo-learner" in dict(DEMO_LOGINS)
    assert PracticeAttempt.objects.filter(learner=learner, kind="drill").count() == 10
    assert PracticeAttempt.objects.filter(learner=learner, kind="scenario").count() == 6
    assert PracticeAssignment.objects.get().team == personas.team

    signed_in(client, learner)
    page = text(client.get("/practice-room/"))
    assert "Week 1: reflections and ruptures" in page
    assert "Reflections" in page and "in your latest session" in page

    signed_in(client, personas.supervisor)
    page = text(client.get("/practice-room/team/"))
    assert "Noor Haddad" in page and "Ellis Park 1 of 5 In progress" in page


def test_the_demo_learner_sees_no_client(client, personas):
    world = World(rng=random.Random(1), today=timezone.now(), teams={"north": personas.team},
                  users={"demo-supervisor": personas.supervisor})
    extend(world)
    signed_in(client, User.objects.get(username="demo-learner"))
    assert client.get(f"/clients/{personas.client.pk}/").status_code == 404
