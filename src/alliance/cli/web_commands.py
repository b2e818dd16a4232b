"""Commands that run the web application: demo, serve, migrate, createuser, worker."""

from __future__ import annotations

import os
import secrets
from typing import Optional

import typer
from rich.table import Table

from alliance.cli.common import console, friendly_errors
from alliance.errors import AllianceError, ConfigError


def _ensure_demo_secret() -> None:
    """The demo keeps its own secret key in ALLIANCE_HOME so sessions survive restarts."""
    from alliance.web.env import alliance_home, env_str

    if env_str("SECRET_KEY"):
        return
    home = alliance_home()
    home.mkdir(parents=True, exist_ok=True)
    path = home / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))


def _start(migrate: bool = True) -> None:
    from alliance.web import bootstrap

    bootstrap.setup_django()
    bootstrap.check_database()
    if migrate:
        bootstrap.migrate()


def _bind(host: str, port: int):
    """The listening socket, bound before anything is printed; a port still in use is one sentence."""
    from alliance.web.server import PortInUse, bind

    try:
        return bind(host, port)
    except PortInUse:
        raise AllianceError("S005", port=port, host=host, next_port=port + 1) from None


def _serve(sock, threads: int, with_worker: bool, processes: int = 1, worker_role: str = "serve") -> None:
    from django.conf import settings

    from alliance.web import server
    from alliance.web.wsgi import application

    options = server.waitress_options(settings, threads)
    server.serve(application, sock, options, processes=processes, with_worker=with_worker, worker_role=worker_role)


def demo(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Start the web server after setting up."),
) -> None:
    """Set up the demo agency (embedded SQLite, invented people) and serve it, printing the logins."""
    with friendly_errors():
        _ensure_demo_secret()
        _start()
        from alliance.records.demo import (
            DEMO_LOGINS,
            DEMO_PASSWORD,
            RealDataPresent,
            ensure_demo,
            has_demo_data,
        )

        try:
            # A demo database stays one when people add clients in its pages: start it again as it is.
            built = False
            if not has_demo_data():
                with console.status("Preparing the demo agency…"):
                    built = ensure_demo()
        except RealDataPresent:
            raise AllianceError("S006") from None
        from django.conf import settings

        console.print("Demo data created." if built else "Demo data already present.")
        sock = _bind(host, port) if serve else None
        shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
        url = f"http://{shown}:{port}/"
        table = Table(title="Demo logins (password: " + DEMO_PASSWORD + ")", show_lines=False)
        table.add_column("username")
        table.add_column("who")
        for username, who in DEMO_LOGINS:
            table.add_row(username, who)
        console.print(table)
        console.print(f"Database: {settings.DATABASES['default']['NAME']}")
        if not serve:
            return
        console.print(f"Alliance is running at [bold]{url}[/] (Ctrl+C to stop)", highlight=False)
        _serve(sock, threads=8, with_worker=True, worker_role="demo")


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    threads: int = typer.Option(8, min=1, help="Worker threads of the WSGI server (waitress)."),
    with_worker: bool = typer.Option(False, "--with-worker", help="Also run the background analysis worker in this process."),
    migrate: bool = typer.Option(True, "--migrate/--no-migrate", help="Apply database migrations first."),
    processes: int = typer.Option(1, min=1, max=64, help="Server processes sharing the port (use one per core)."),
) -> None:
    """Serve Alliance for real with a production WSGI server (waitress). Needs SECRET_KEY."""
    with friendly_errors():
        from alliance.web import bootstrap

        bootstrap.setup_django()
        from django.conf import settings

        if settings.SECRET_KEY_EPHEMERAL:
            raise ConfigError("S004")
        _start(migrate=migrate)
        sock = _bind(host, port)
        shown = f"{processes} processes × {threads} threads" if processes > 1 else f"{threads} threads"
        console.print(f"Alliance is running at [bold]http://{host}:{port}/[/] ({shown})", highlight=False)
        _serve(sock, threads=threads, with_worker=with_worker, processes=processes)


def migrate_command() -> None:
    """Create or update the database tables."""
    with friendly_errors():
        _start(migrate=False)
        from alliance.web import bootstrap

        bootstrap.migrate(verbosity=1)
        console.print("Database is up to date.")


def createuser(
    username: str = typer.Argument(..., help="Login name."),
    role: str = typer.Option("practitioner", help="practitioner, supervisor, admin or learner (practice room only)."),
    team: Optional[str] = typer.Option(None, help="Team name (created if new)."),
    first_name: str = typer.Option("", help="First name."),
    last_name: str = typer.Option("", help="Last name."),
    password: Optional[str] = typer.Option(None, help="Password (asked for if not given)."),
) -> None:
    """Add a person who can sign in."""
    with friendly_errors():
        _start()
        from alliance.records.accounts import check_new_account, create_account

        check_new_account(username, role)
        if password is None:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        create_account(username, role=role, team=team, password=password, first_name=first_name, last_name=last_name)
        console.print(f"Created {role} {username}" + (f" on {team}." if team else "."))
