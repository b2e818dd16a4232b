"""Every command's --help says what to type (FILE, PORT), never a Python type such as <bool> or <list[str]>."""

import re

import typer.main
from typer.testing import CliRunner

from alliance.cli.main import app

PYTHON_TYPE = re.compile(r"<(bool|str|int|float|path|file|list\[[^\]]*\]|[a-z]+ range)>")


def every_command(command, path=()):
    yield list(path)
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from every_command(sub, (*path, name))


def test_no_help_names_a_python_type_and_flags_show_no_value():
    for path in every_command(typer.main.get_command(app)):
        result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert result.exit_code == 0, (path, result.output)
        assert not PYTHON_TYPE.search(result.output), (path, PYTHON_TYPE.search(result.output).group())
    serve = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"}).output
    assert re.search(r"--port\s+PORT\s+Port to listen on", serve)
    assert re.search(r"--help\s+Show this message and exit", serve)
