"""Who a command acts as, for the audit trail: the Alliance account named by --by, and the OS account."""

from __future__ import annotations

import getpass

from alliance.errors import AllianceError

BY_HELP = "The username of the Alliance account responsible (recorded in the audit trail with your system login)."


def cli_via() -> str:
    """``cli:<operating-system user>``, so an entry made at the command line says who ran it."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return f"cli:{name}"[:40]


def cli_actor(username: str | None):
    """The active Alliance account ``username`` (None when not given); R001 when there is none."""
    if not username:
        return None
    from alliance.records.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise AllianceError("R001", username=username)
    return user
