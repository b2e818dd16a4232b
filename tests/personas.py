"""The named people every view test uses, built by the package's own builders."""

from __future__ import annotations

from dataclasses import dataclass

from alliance.records import builders
from alliance.records.models import Client, Role, Team, User

PASSWORD = "a-long-test-password"


@dataclass
class Personas:
    team: Team
    other_team: Team
    practitioner: User  # owns `client`
    teammate: User  # another practitioner on the same team: may not see `client`
    supervisor: User  # same team: reads everything, changes nothing it doesn't own
    stranger: User  # practitioner on the other team
    admin: User
    client: Client
    other_client: Client  # belongs to the stranger


def build_personas() -> Personas:
    team = builders.make_team("Harbour Team")
    other = builders.make_team("Hill Team")
    practitioner = builders.make_user("pat", team=team, password=PASSWORD, first_name="Pat", last_name="Practitioner")
    teammate = builders.make_user("tess", team=team, password=PASSWORD, first_name="Tess", last_name="Teammate")
    supervisor = builders.make_user("sue", role=Role.SUPERVISOR, team=team, password=PASSWORD, first_name="Sue", last_name="Supervisor")
    stranger = builders.make_user("stan", team=other, password=PASSWORD, first_name="Stan", last_name="Stranger")
    admin = builders.make_user("ada", role=Role.ADMIN, team=team, password=PASSWORD, first_name="Ada", last_name="Admin")
    client = builders.make_client(practitioner, "Casey Client", preferred_name="Casey")
    other_client = builders.make_client(stranger, "Otto Other")
    return Personas(team, other, practitioner, teammate, supervisor, stranger, admin, client, other_client)
