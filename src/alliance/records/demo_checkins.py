"""Demo check-ins: months of answers for the demo clients, with stories a practitioner should notice.

Relationship check-ins follow most attended contacts; PHQ-9 and GAD-7 come about monthly for
some clients. On the demo practitioner's caseload: a recovery, a rupture (the relationship
check-in drops), a reliable deterioration, a critical answer weeks ago, and two check-ins in a
row left unanswered. Alerts are then computed the same way as for real submissions.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db.models import F, Value
from django.db.models.functions import Concat

from alliance import measures
from alliance.records.checkin_service import hash_token, recompute_alerts
from alliance.records.models import (
    CheckinAnswer,
    CheckinLink,
    CheckinResponse,
    Client,
    Contact,
    User,
)

RELATIONSHIP, PHQ9, GAD7 = "relationship-checkin", "phq-9", "gad-7"
STORIES = ("recovery", "rupture", "deterioration", "critical", "missed_checkins")
# PHQ-9 and GAD-7 totals from the first monthly check-in to the last, per story.
OUTCOME_PATHS = {
    "recovery": ((18, 6), (14, 5)),
    "deterioration": ((8, 17), (7, 13)),
    "critical": ((15, 8), (11, 6)),
}


def extend(world) -> None:
    # Demo staff get addresses that can never be delivered (.invalid), so urgent-alert emails appear in
    # `alliance demo`'s console output (Django's console backend) and would go nowhere even over SMTP.
    User.objects.filter(is_demo=True, email="").update(email=Concat(F("username"), Value("@demo.alliance.invalid")))
    stories = _cast(world)
    for client in world.clients:
        attended = [c for c in world.contacts.get(client.pk, []) if c.attendance == Contact.Attendance.ATTENDED]
        story = stories.get(client.pk)
        if attended:
            _client_checkins(world, client, attended, story)
    for client in world.clients:
        recompute_alerts(client, now=world.today)


def _cast(world) -> dict:
    """The demo practitioner's first suitable clients each get one story."""
    practitioner = world.users["demo-practitioner"]
    cast, wanted = {}, list(STORIES)
    for client in world.clients:
        if not wanted:
            break
        attended = [c for c in world.contacts.get(client.pk, []) if c.attendance == Contact.Attendance.ATTENDED]
        recent = attended and attended[-1].starts_at > world.today - timedelta(days=30)
        if client.practitioner_id == practitioner.pk and client.status == Client.Status.ACTIVE and len(attended) >= 7 and recent:
            cast[client.pk] = wanted.pop(0)
    return cast


def _client_checkins(world, client: Client, attended: list[Contact], story: str | None) -> None:
    rng = world.rng
    if story == "missed_checkins":
        older = [c for c in attended if c.starts_at < world.today - timedelta(days=9)]
        answered, unanswered = older[:-2], older[-2:]
    else:
        answered, unanswered = attended, []
    monthly = set(range(0, len(answered), 4))
    wants_outcomes = story in OUTCOME_PATHS or (story is None and rng.random() < 0.45)
    phq, gad = rng.randint(10, 16), rng.randint(8, 14)
    # Background clients improve reliably (PHQ-9 by 6+, GAD-7 by 4+), so the stories stand out.
    path = OUTCOME_PATHS.get(story) or ((phq, max(2, phq - rng.randint(7, 10))), (gad, max(1, gad - rng.randint(5, 8))))
    outcome_slots = sorted(monthly) if wants_outcomes else []
    base = rng.choice([3, 3, 4])
    previous = None
    for index, contact in enumerate(answered):
        if rng.random() < 0.15 and index not in monthly and index != len(answered) - 1:
            continue  # not every contact gets a check-in
        when = contact.starts_at + timedelta(minutes=contact.duration_minutes + rng.randint(10, 600))
        if when > world.today:
            continue
        answers = {RELATIONSHIP: _relationship_answers(rng, base)}
        last = index == len(answered) - 1
        if story == "rupture" and last:
            answers[RELATIONSHIP] = (2, 1, 2, 2, 3)
        elif previous and last:
            # Nothing to worry about at the end of a calm story: not lower than last time.
            answers[RELATIONSHIP] = tuple(max(a, b) for a, b in zip(previous, answers[RELATIONSHIP]))
        previous = answers[RELATIONSHIP]
        if index in outcome_slots:
            step = outcome_slots.index(index) / max(1, len(outcome_slots) - 1)
            critical = story == "critical" and outcome_slots.index(index) == len(outcome_slots) - 2
            answers[PHQ9] = _spread(rng, round(path[0][0] + (path[0][1] - path[0][0]) * step), 9, critical_item=9, critical=critical)
            answers[GAD7] = _spread(rng, round(path[1][0] + (path[1][1] - path[1][0]) * step), 7)
        _answered_link(world, client, contact, when, answers)
        if story == "critical" and PHQ9 in answers and answers[PHQ9][8]:
            recompute_alerts(client, now=when)  # the practitioner was alerted at the time
    for contact in unanswered:
        _unanswered_link(client, contact)


def _relationship_answers(rng, base: int) -> tuple[int, ...]:
    return tuple(max(2, min(4, base + rng.choice([-1, 0, 0, 0, 1]))) for _ in range(5))


def _spread(rng, total: int, count: int, *, critical_item: int | None = None, critical: bool = False) -> tuple[int, ...]:
    """Item answers (0-3) adding up to ``total``; the critical item stays 0 unless ``critical``."""
    values = [0] * count
    if critical and critical_item:
        values[critical_item - 1] = 1
    open_items = [i for i in range(count) if critical_item is None or i != critical_item - 1]
    while sum(values) < total:
        choices = [i for i in open_items if values[i] < 3]
        if not choices:
            break
        values[rng.choice(choices)] += 1
    return tuple(values)


def _answered_link(world, client: Client, contact: Contact, when, answers: dict) -> None:
    language = client.preferred_language
    link = CheckinLink.objects.create(
        token_hash=hash_token(secrets.token_urlsafe(32)), client=client, contact=contact,
        instruments=list(answers), language=language, created_by=client.practitioner,
        expires_at=contact.starts_at + timedelta(days=7), used_at=when,
    )
    _backdate(link, contact)
    rows, answer_rows = [], []
    for instrument_id, values in answers.items():
        result = measures.score(instrument_id, values)
        response = CheckinResponse(
            client=client, contact=contact, link=link, instrument_id=instrument_id, language=language,
            submitted_at=when, total=result.total, severity=result.severity, score=result.to_dict(),
        )
        rows.append(response)
        answer_rows += [CheckinAnswer(response=response, item_index=n, value=v) for n, v in enumerate(values, 1)]
    CheckinResponse.objects.bulk_create(rows)
    CheckinAnswer.objects.bulk_create(answer_rows)


def _unanswered_link(client: Client, contact: Contact) -> None:
    link = CheckinLink.objects.create(
        token_hash=hash_token(secrets.token_urlsafe(32)), client=client, contact=contact,
        instruments=[RELATIONSHIP], language=client.preferred_language, created_by=client.practitioner,
        expires_at=contact.starts_at + timedelta(days=7),
    )
    _backdate(link, contact)


def _backdate(link: CheckinLink, contact: Contact) -> None:
    # created_at is set on insert; the demo's links were made at their contact.
    CheckinLink.objects.filter(pk=link.pk).update(created_at=contact.starts_at)


__all__ = ["extend", "STORIES"]
