"""Import a caseload from a CSV file: check every row first, then save all of it or none of it.

Each row is validated by ``ClientForm`` itself, so an imported client meets exactly the rules
of one added by hand. Every problem becomes one sentence naming the file, the line the row
starts on and the column. Only when there is none are the clients created, in one transaction,
each with its audit entry. Logs carry ids and counts, never a name or a cell.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alliance.errors import AllianceError, format_message
from alliance.records import audit
from alliance.records.client_form import ClientForm
from alliance.records.models import Client, Role, User
from alliance.records.spreadsheet import (
    FileRefused,
    ImportProblem,
    Row,
    problem,
    read_source,
    read_table,
)

logger = logging.getLogger("alliance.importing")

COLUMNS: tuple[str, ...] = tuple(ClientForm._meta.fields)
DATE_COLUMNS = ("opened_on", "closed_on")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
SHOWN_PROBLEMS = 50

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    """What an import found and did. ``created`` is empty unless every row was fine and it was no dry run."""

    source_name: str
    practitioner: User
    dry_run: bool
    rows: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    created: list[Client] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        whose = f"{self.practitioner.display_name}'s"
        if self.problems:
            count = len(self.problems)
            return f"Nothing was imported: {count} {_plural(count, 'problem')} in {self.source_name}."
        if self.dry_run:
            return f"Checked {self.rows} {_plural(self.rows, 'client')}: all can be imported into {whose} caseload. Nothing was saved (check only)."
        return f"Imported {len(self.created)} {_plural(len(self.created), 'client')} into {whose} caseload."

    def problem_messages(self, limit: int = SHOWN_PROBLEMS) -> list[str]:
        """The first ``limit`` problems, then one line for how many more there are."""
        shown = [p.message for p in self.problems[:limit]]
        hidden = len(self.problems) - len(shown)
        if hidden:
            shown.append(format_message("I030", count=hidden, noun=_plural(hidden, "problem")))
        return shown


def may_import(user) -> bool:
    """The rule of adding a client by hand: a practitioner on a team, into their own caseload."""
    return getattr(user, "role", None) == Role.PRACTITIONER and bool(getattr(user, "team_id", None))


def import_clients(source, practitioner: User, *, dry_run: bool = False, source_name: str | None = None,
                   progress: Progress | None = None) -> ImportReport:
    """Check every row of a clients CSV; if all are fine (and not ``dry_run``) create them all, audited.

    ``source`` is a path (``os.PathLike``), an open binary file or upload, or the CSV content as
    bytes or str. ``source_name`` names the file in messages (default: the path's name, else
    "clients.csv"). ``progress(done, total)`` is called as rows are checked.
    """
    if not may_import(practitioner):
        raise AllianceError("I040")
    name = source_name or getattr(source, "name", None) or "clients.csv"
    name = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    report = ImportReport(name, practitioner, dry_run)
    try:
        table, report.problems = read_table(read_source(source, name), name, COLUMNS)
    except FileRefused as refused:
        report.problems = [refused.problem]
        return _finish(report)
    if table is None:
        return _finish(report)
    report.rows = len(table.rows)
    forms = []
    duplicates = _Duplicates(practitioner, name)
    for done, row in enumerate(table.rows, start=1):
        form, row_problems = _check_row(row, name)
        report.problems += row_problems + duplicates.check(row)
        forms.append(form)
        if progress:
            progress(done, report.rows)
    report.problems.sort(key=_where)
    if report.ok and not dry_run:
        report.created, report.problems = _save(forms, table.rows, practitioner, name)
    return _finish(report)


def _where(found: ImportProblem) -> tuple[int, int]:
    """Problems in reading order: by line, then by column as the form lists them (whole-row ones last)."""
    column = COLUMNS.index(found.column) if found.column in COLUMNS else len(COLUMNS)
    return found.line or 0, column


def _finish(report: ImportReport) -> ImportReport:
    logger.info(
        "import clients practitioner=%s rows=%s problems=%s created=%s dry_run=%s",
        report.practitioner.pk, report.rows, len(report.problems), len(report.created), report.dry_run,
    )
    return report


def _save(forms: list[ClientForm], rows: list[Row], practitioner: User, name: str) -> tuple[list[Client], list[ImportProblem]]:
    """Create every client, audited, in one transaction; or none if the caseload changed meanwhile.

    A first write to the practitioner's row locks it (on SQLite it takes the database's write
    lock), so two imports into one caseload at once (a double-click) run one after the other,
    and the second finds the first one's clients when it checks the caseload again.
    """
    with transaction.atomic():
        User.objects.filter(pk=practitioner.pk).update(last_login=F("last_login"))
        duplicates = _Duplicates(practitioner, name)
        problems = [found for row in rows for found in duplicates.check(row) if found.code == "I021"]
        if problems:
            return [], problems
        created = []
        for form in forms:
            client = form.save(commit=False)
            client.practitioner = practitioner
            client.team_id = practitioner.team_id
            client.save()
            audit.record(practitioner, "create", client, client_id=client.pk, via="import")
            created.append(client)
    return created, []


def _check_row(row: Row, name: str) -> tuple[ClientForm, list[ImportProblem]]:
    """Turn the row into form data (spreadsheet spellings made plain), validate it with ``ClientForm``."""
    data: dict[str, str] = {}
    found: list[ImportProblem] = []
    for column in COLUMNS:
        value = row.cells.get(column, "")
        where = {"path": name, "line": row.line, "column": column, "value": value}
        if column in DATE_COLUMNS:
            if value and not ISO_DATE.fullmatch(value):
                # Django would also read 03/04/2025, as 4 March: guessing the order is how dates go wrong.
                found.append(problem("I012", **where))
                value = ""
            data[column] = value or (timezone.localdate().isoformat() if column == "opened_on" else "")
        elif column == "share_progress":
            answer = value.lower()
            if answer not in YES | NO:
                found.append(problem("I013", **where))
            data[column] = "true" if answer in YES else "false"
        elif column == "status":
            data[column] = value.lower() or Client.Status.ACTIVE
        elif column == "preferred_language":
            data[column] = _language(value)
        else:
            data[column] = value
    form = ClientForm(data)
    if not form.is_valid():
        already = {p.column for p in found}
        for column, errors in form.errors.as_data().items():
            if column in already:
                continue
            found += [_form_problem(column, error, row, name) for error in errors]
    return form, found


def _language(value: str) -> str:
    """A language's code or its name, in any case; blank is the model's default."""
    if not value:
        return Client._meta.get_field("preferred_language").default
    for code, label in settings.LANGUAGES:
        if value.casefold() in (code.casefold(), str(label).casefold()):
            return code
    return value


def _form_problem(column: str, error, row: Row, name: str) -> ImportProblem:
    value = row.cells.get(column, "")
    where = {"path": name, "line": row.line, "column": column, "value": value}
    if column == "__all__":
        return problem("I019", path=name, line=row.line, problem=" ".join(error.messages))
    if error.code == "required":
        return problem("I011", **where)
    if error.code == "max_length":
        return problem("I014", length=error.params["show_value"], limit=error.params["limit_value"], **where)
    if column == "email" and error.code == "invalid":
        return problem("I015", **where)
    if column in DATE_COLUMNS and error.code == "invalid":
        return problem("I012", **where)
    if column == "status" and error.code == "invalid_choice":
        return problem("I016", **where)
    if column == "preferred_language" and error.code == "invalid_choice":
        expected = ", ".join(f"{code} ({label})" for code, label in settings.LANGUAGES)
        return problem("I017", expected=expected, **where)
    return problem("I018", problem=" ".join(error.messages), **where)


def _identity(cells: dict[str, str]) -> dict[str, tuple]:
    """The ways two rows can be the same person: the same name and the same email, or phone number."""
    person = " ".join(cells.get("name", "").split()).casefold()
    if not person:
        return {}
    email = cells.get("email", "").strip().casefold()
    digits = re.sub(r"\D", "", cells.get("phone", ""))
    keys = {}
    if email:
        keys["email"] = (person, "email", email)
    if digits:
        keys["phone"] = (person, "phone", digits)
    return keys


def _same(kinds: list[str]) -> str:
    return " and ".join(kinds)


class _Duplicates:
    """Spots a row that repeats an earlier row of the file, or a client already in the caseload."""

    def __init__(self, practitioner: User, name: str):
        self.name = name
        self.whose = f"{practitioner.display_name}'s"
        self.seen: dict[tuple, int] = {}
        self.existing: dict[tuple, tuple[int, date]] = {}
        for pk, client_name, email, phone, opened in Client.objects.filter(practitioner=practitioner).values_list(
            "pk", "name", "email", "phone", "opened_on"
        ):
            for key in _identity({"name": client_name, "email": email, "phone": phone}).values():
                self.existing.setdefault(key, (pk, opened))

    def check(self, row: Row) -> list[ImportProblem]:
        keys = _identity(row.cells)
        found = []
        in_caseload = [kind for kind, key in keys.items() if key in self.existing]
        if in_caseload:
            opened = self.existing[keys[in_caseload[0]]][1]
            found.append(problem("I021", path=self.name, line=row.line, whose=self.whose, same=_same(in_caseload),
                                 opened_on=opened.isoformat()))
        earlier = {kind: self.seen[key] for kind, key in keys.items() if key in self.seen}
        if earlier:
            found.append(problem("I020", path=self.name, line=row.line, other=min(earlier.values()), same=_same(list(earlier))))
        for key in keys.values():
            self.seen.setdefault(key, row.line)
        return found


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"
