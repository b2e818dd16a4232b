"""The demo agency: invented people, clearly fictional, built the same way every time (seeded).

Two teams, several practitioners, ~30 clients with months of contacts, goals in their
own words, cultural-context profiles and reflections. The feature modules ``demo_checkins``,
``demo_conversations`` and ``demo_practice`` add their own demo data (check-ins, analysed
conversations, practice) through ``extend(world)``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from alliance.records import builders
from alliance.records.models import Client, Contact, Role, Team, User

DEMO_PASSWORD = "alliance-demo"
DEMO_LOGINS = (
    ("demo-practitioner", "practitioner on North Team, with a caseload"),
    ("demo-supervisor", "supervisor of North Team"),
    ("demo-other-team", "practitioner on River Team"),
    ("demo-admin", "administrator (accounts and settings)"),
    ("demo-learner", "learner on North Team: the practice room only, no client records"),
)

FIRST_NAMES = [
    "Amara", "Bilal", "Carmen", "Dara", "Eli", "Farah", "Gus", "Hana", "Ines", "Jonah", "Kemi", "Luca",
    "Mina", "Nico", "Oona", "Pavel", "Quinn", "Rosa", "Sol", "Tariq", "Uma", "Vera", "Wren", "Xavi",
    "Yara", "Zeke", "Ada", "Bo", "Cleo", "Dev", "Esme", "Femi",
]
LAST_NAMES = [
    "Ashdown", "Brightwater", "Calloway", "Dunmore", "Everly", "Fairbrook", "Greymoor", "Hollins", "Ivesdale",
    "Juniper", "Kettering", "Larkfield", "Merriman", "Northcott", "Oakhurst", "Pemberly", "Quillon", "Rowntree",
    "Silverton", "Thistlewood", "Underhill", "Vantree", "Whitlock", "Yarrow",
]
PRONOUNS = ["she/her", "he/him", "they/them", "", "she/her", "he/him"]
# First names most readers take as a woman's or a man's, so a story's pronouns never clash with the name.
NAMES_FOR = {
    "she/her": ["Amara", "Carmen", "Farah", "Hana", "Ines", "Kemi", "Mina", "Oona", "Rosa", "Uma", "Vera", "Yara", "Esme", "Cleo"],
    "he/him": ["Bilal", "Gus", "Jonah", "Luca", "Nico", "Pavel", "Tariq", "Xavi", "Zeke", "Dev", "Femi", "Eli"],
}
GOALS = [
    ("I want to get back to sleeping through the night.", "Awake most nights, exhausted", "Up a few times most nights",
     "Sleeping through three or four nights a week", "Sleeping through most nights", "Sleeping well and waking rested"),
    ("I'd like to be able to talk to my daughter without it ending in a row.", "We stop speaking", "We talk but it ends in shouting",
     "We can talk about the day calmly", "We can talk about hard things", "We plan things together"),
    ("Cut down my drinking to weekends only.", "Drinking every day", "Drinking most weekdays", "Weekends only",
     "One weekend night only", "Not drinking and feeling fine"),
    ("Find a job that doesn't wreck my back.", "No applications", "Looking but not applying", "Two applications a month",
     "An interview", "Working somewhere that suits me"),
    ("Feel less alone — see people at least once a week.", "Not leaving the house", "Seeing someone once a month",
     "Seeing someone once a week", "Twice a week", "Part of a group I enjoy"),
    ("Keep my flat and stop the eviction.", "Eviction goes ahead", "Arrears growing", "Payment plan agreed and kept",
     "Arrears halved", "Arrears cleared"),
]
PROFILES = [
    dict(what_matters="Being a good parent; my kids come first.", values_and_beliefs="Faith is important to me; church on Sundays.",
         language_needs="English is fine; Spanish with my mum.", community_and_family="My sister, and the church group.",
         past_help_seeking="Last time a worker told me what to do without listening. I stopped going.",
         ways_of_working="Tell me straight, but ask what I think first."),
    dict(what_matters="Keeping my independence.", values_and_beliefs="I don't like talking about feelings much; actions matter more.",
         language_needs="Prefers Polish for forms; interpreter helpful for appointments.", interpreter_needed=True, interpreter_language="Polish",
         community_and_family="My neighbour checks in; my son lives abroad.", past_help_seeking="GP referred me; first time with a social worker.",
         ways_of_working="Short meetings, at home if possible."),
    dict(what_matters="Getting my health back and going back to college.", values_and_beliefs="Family decisions are made together with my parents.",
         language_needs="English.", community_and_family="Parents, cousins, a mosque youth group.",
         past_help_seeking="School counsellor helped a lot.", ways_of_working="Texts to remind me; I forget appointments."),
]
REFLECTIONS = [
    dict(listened_fully="Mostly. I caught myself planning my next question while she talked about her mum.",
         responded_empathetically="I reflected the worry about the eviction, which seemed to land.",
         learned_what_matters="Her kids' school is the thing she will fight for.",
         try_differently="Ask before giving the housing information next time."),
    dict(listened_fully="Yes, I slowed down and let the silences be.",
         responded_empathetically="When he talked about his son I could have said more about the loneliness.",
         learned_what_matters="Independence, more than safety.", try_differently="More complex reflections, fewer questions."),
    dict(listened_fully="Mostly. I rushed the last ten minutes because I was running late.",
         responded_empathetically="I named how tired they sounded, and they said that was exactly it.",
         learned_what_matters="Feeling in charge of their own week.", try_differently="Leave more room at the end; ask what they want to take away."),
]
# Who each goal's client is, so their pronouns, profile, reflections and demo sessions
# (demo_conversations.SESSION_FOR_GOAL) tell one story: a mother's record never holds a
# widower's session. Indexed like GOALS: (pronouns or None to keep the drawn ones,
# index into PROFILES, index into REFLECTIONS).
STORIES = [
    ("she/her", 0, 2),  # sleep: a mother whose son stays at his dad's, worried about work
    ("she/her", 0, 2),  # her daughter: a mother; the girl's dad won't come to mediation
    ("he/him", 0, 2),  # drinking: a dad whose daughter noticed
    (None, 2, 2),  # a job that doesn't wreck my back
    ("he/him", 1, 1),  # less alone: a widower whose son lives abroad
    ("she/her", 0, 0),  # the flat: a mother of a schoolboy, facing eviction
]


@dataclass
class World:
    """What the demo built, so extensions can add to it."""

    rng: random.Random
    today: datetime  # the start of the day the demo is built: everything before it is the past
    teams: dict[str, Team] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    clients: list[Client] = field(default_factory=list)
    contacts: dict = field(default_factory=dict)  # client.pk -> [Contact]


class RealDataPresent(Exception):
    """The database already holds records that are not demo data."""


def has_real_data() -> bool:
    return (
        User.objects.filter(is_demo=False).exists()
        or Client.objects.filter(is_demo=False).exists()
        or Team.objects.filter(is_demo=False).exists()
    )


def has_demo_data() -> bool:
    return User.objects.filter(is_demo=True, username="demo-practitioner").exists()


def ensure_demo(progress=None) -> bool:
    """Build the demo unless it is there already. Refuses on a database with real data. Returns True if built."""
    if has_real_data():
        raise RealDataPresent()
    if has_demo_data():
        return False
    build_demo(progress=progress)
    return True


@transaction.atomic
def build_demo(seed: int = 20261129, progress=None) -> World:
    rng = random.Random(seed)
    world = World(rng=rng, today=demo_day())
    north = builders.make_team("North Team", is_demo=True)
    river = builders.make_team("River Team", is_demo=True)
    world.teams = {"north": north, "river": river}
    people = [
        ("demo-practitioner", Role.PRACTITIONER, north, "Alex", "Rivera", True),
        ("demo-supervisor", Role.SUPERVISOR, north, "Sam", "Okafor", True),
        ("demo-other-team", Role.PRACTITIONER, river, "Jordan", "Lee", True),
        ("demo-admin", Role.ADMIN, north, "Robin", "Admin", True),
        ("priya.nair", Role.PRACTITIONER, north, "Priya", "Nair", False),
        ("tomas.garcia", Role.PRACTITIONER, north, "Tomás", "García", False),
        ("mei.chen", Role.SUPERVISOR, river, "Mei", "Chen", False),
        ("kofi.mensah", Role.PRACTITIONER, river, "Kofi", "Mensah", False),
    ]
    for username, role, team, first, last, login in people:
        world.users[username] = builders.make_user(
            username, role=role, team=team, first_name=first, last_name=last, is_demo=True,
            password=DEMO_PASSWORD if login else None,
        )
    caseloads = [("demo-practitioner", 10), ("priya.nair", 6), ("tomas.garcia", 5), ("demo-other-team", 5), ("kofi.mensah", 4)]
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    n = 0
    for username, count in caseloads:
        practitioner = world.users[username]
        for _ in range(count):
            first, last = names[n]
            n += 1
            world.clients.append(_demo_client(world, practitioner, first, last, n))
    if progress:
        progress("records", 1.0)
    # Imported here, not at the top: demo_conversations reads GOALS from this module.
    from alliance.records import demo_checkins, demo_conversations, demo_practice

    for extension in (demo_checkins, demo_conversations, demo_practice):
        extension.extend(world)
    return world


def demo_day() -> datetime:
    """Midnight at the start of today (local time): the demo's calendar is anchored to it.

    Building from the current instant made the stories depend on the hour (a check-in
    answered "later today" was skipped and the seeded stream shifted), so the demo built in
    the afternoon lost its rupture. From midnight, every hour of a day builds the same demo.
    """
    return timezone.localtime(timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)


def _demo_client(world: World, practitioner: User, first: str, last: str, n: int) -> Client:
    rng = world.rng
    story = STORIES[n % len(GOALS)]
    first = _fitting_name(first, story[0], n)
    months = rng.randint(2, 7)
    opened = (world.today - timedelta(days=30 * months + rng.randint(0, 20))).date()
    closed = n % 11 == 0
    client = builders.make_client(
        practitioner,
        f"{first} {last}",
        preferred_name=first if n % 3 else "",
        pronouns=_pronouns(story, rng.choice(PRONOUNS)),  # always drawn, so the seeded stream stays the same
        preferred_language="es" if n % 5 == 0 else "en",
        phone=f"07700 900{n:03d}",
        opened_on=opened,
        status=Client.Status.CLOSED if closed else Client.Status.ACTIVE,
        closed_on=(world.today - timedelta(days=10)).date() if closed else None,
        is_demo=True,
        share_progress=n % 4 == 0,
    )
    contacts = []
    day = datetime.combine(opened, time(10, 0), tzinfo=timezone.get_current_timezone())
    # Some clients haven't been seen for a while, so the caseload has someone to worry about.
    stale = n % 7 == 3
    end = world.today - timedelta(days=45 if stale else 0)
    i = 0
    while day < end:
        attendance = Contact.Attendance.ATTENDED
        roll = rng.random()
        if roll < 0.08:
            attendance = Contact.Attendance.MISSED
        elif roll < 0.13:
            attendance = Contact.Attendance.CANCELLED_BY_CLIENT
        if n % 9 == 2 and end - day < timedelta(days=20):
            attendance = Contact.Attendance.MISSED  # two missed in a row at the end
        contacts.append(builders.make_contact(
            client, starts_at=day + timedelta(hours=rng.randint(0, 6)), attendance=attendance,
            mode=rng.choice(list(Contact.Mode.values)), duration_minutes=rng.choice([30, 45, 50, 60]),
            recording_consent=rng.choice([Contact.Consent.YES, Contact.Consent.YES, Contact.Consent.NO, Contact.Consent.NOT_ASKED]),
            note="Talked about the week and next steps." if i % 3 == 0 else "",
        ))
        day += timedelta(days=rng.choice([7, 7, 14]))
        i += 1
    if not closed and not stale:
        contacts.append(builders.make_contact(
            # Planned in working hours (09:00-16:00), not in the small hours.
            client, starts_at=world.today + timedelta(days=rng.randint(1, 10), hours=9 + n % 8),
            attendance=Contact.Attendance.PLANNED, mode=Contact.Mode.IN_PERSON,
        ))
    world.contacts[client.pk] = contacts
    goal_spec = GOALS[n % len(GOALS)]
    goal = builders.make_goal(
        client, goal_spec[0], proposed_by=rng.choice(["client", "together"]),
        level_minus_2=goal_spec[1], level_minus_1=goal_spec[2], level_0=goal_spec[3],
        level_plus_1=goal_spec[4], level_plus_2=goal_spec[5],
    )
    attended = [c for c in contacts if c.attendance == Contact.Attendance.ATTENDED]
    level = -1 if n % 4 else -2
    for contact in attended[::3]:
        builders.rate_goal(goal, level, contact.starts_at.date(), contact)
        level = min(2, level + rng.choice([0, 0, 1]))
    if n % 2 == 0:
        builders.make_profile(client, **PROFILES[story[1]])
    for contact in attended[-2:]:
        if rng.random() < 0.6:
            builders.make_reflection(contact, shared_with_supervisor=rng.random() < 0.5, **REFLECTIONS[story[2]])
    return client


def _pronouns(story: tuple, drawn: str) -> str:
    return drawn if story[0] is None else story[0]


def _fitting_name(first: str, pronouns: str | None, n: int) -> str:
    """The drawn first name, or one that reads as fitting the story's pronouns (no draw: the stream stays the same)."""
    names = NAMES_FOR.get(pronouns or "")
    clashes = [other for key, other in NAMES_FOR.items() if key != pronouns]
    if names is None or not any(first in group for group in clashes):
        return first
    return names[n % len(names)]
