"""Plain functions that build records. The demo and the tests both use these"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from alliance.records.models import (
    Client,
    Contact,
    CulturalProfile,
    Goal,
    GoalRating,
    Reflection,
    Role,
    Team,
    User,
)


def make_team(name: str, *, is_demo: bool = False) -> Team:
    return Team.objects.create(name=name, is_demo=is_demo)


def make_user(username: str, *, role: str = Role.PRACTITIONER, team: Team | None = None, password: str | None = None,
              first_name: str = "", last_name: str = "", is_demo: bool = False) -> User:
    user = User(username=username, role=role, team=team, first_name=first_name, last_name=last_name, is_demo=is_demo)
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def make_client(practitioner: User, name: str = "Test Client", *, opened_on: date | None = None, is_demo: bool = False,
                **fields) -> Client:
    return Client.objects.create(
        name=name,
        practitioner=practitioner,
        team=practitioner.team,
        opened_on=opened_on or timezone.localdate(),
        is_demo=is_demo,
        **fields,
    )


def make_contact(client: Client, *, starts_at: datetime | None = None, practitioner: User | None = None, **fields) -> Contact:
    return Contact.objects.create(
        client=client,
        practitioner=practitioner or client.practitioner,
        starts_at=starts_at or timezone.now() - timedelta(days=1),
        **fields,
    )


def make_goal(client: Client, text: str = "Feel calmer in the mornings", **fields) -> Goal:
    return Goal.objects.create(client=client, text=text, created_by=client.practitioner, **fields)


def rate_goal(goal: Goal, level: int, rated_on: date, contact: Contact | None = None) -> GoalRating:
    return GoalRating.objects.create(goal=goal, level=level, rated_on=rated_on, contact=contact, created_by=goal.client.practitioner)


def make_profile(client: Client, **fields) -> CulturalProfile:
    return CulturalProfile.objects.create(client=client, updated_by=client.practitioner, **fields)


def make_reflection(contact: Contact, author: User | None = None, **fields) -> Reflection:
    return Reflection.objects.create(contact=contact, author=author or contact.practitioner, **fields)
