"""Start Django from the CLI and turn configuration or database problems into one sentence."""

from __future__ import annotations

import os

from alliance.errors import ConfigError


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.web.settings")
    import django

    django.setup()


def check_database() -> None:
    """Open a connection now, so an unreachable database is one clear sentence, not a traceback later."""
    from django.db import connection
    from django.db.utils import Error as DatabaseError

    from alliance.web.database import describe

    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError("S002", where=describe(connection.settings_dict), detail=detail) from None


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
