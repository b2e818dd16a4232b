"""People who can sign in: a new account's role, name and password are checked before it is made."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from alliance.errors import AllianceError
from alliance.records import builders
from alliance.records.models import Role, Team, User


def check_new_account(username: str, role: str) -> None:
    """Raise U001 for an unknown role and U002 for a taken username (in any case), before a password is asked for."""
    if role not in Role.values:
        raise AllianceError("U001", roles=", ".join(Role.values), role=role)
    if User.objects.filter(username__iexact=username).exists():
        raise AllianceError("U002", username=username)


def create_account(username: str, *, role: str, password: str, team: str | None = None,
                   first_name: str = "", last_name: str = "") -> User:
    """Make the account, its team created if new; U001-U003 when the role, name or password will not do."""
    check_new_account(username, role)
    try:
        validate_password(password, User(username=username, first_name=first_name, last_name=last_name))
    except ValidationError as exc:
        raise AllianceError("U003", problems=" ".join(exc.messages)) from None
    team_obj = Team.objects.get_or_create(name=team)[0] if team else None
    return builders.make_user(username, role=role, team=team_obj, password=password, first_name=first_name, last_name=last_name)
