"""Importing a caseload from CSV: every row checked before any is saved, every problem named by file, line and column."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from alliance.errors import AllianceError
from alliance.records.client_import import COLUMNS, import_clients
from alliance.records.models import AuditEntry, Client
from alliance.records.spreadsheet import (
    MAX_BYTES,
    MAX_ROWS,
    FileRefused,
    read_source,
    read_table,
)

HEADER = "name,preferred_name,pronouns,preferred_language,email,phone,address,status,opened_on,closed_on,share_progress\n"


def messages(report) -> list[str]:
    return [p.message for p in report.problems]


def imported(personas) -> list[str]:
    return sorted(Client.objects.filter(practitioner=personas.practitioner).exclude(pk=personas.client.pk).values_list("name", flat=True))


def test_a_valid_file_imports_every_client_into_the_practitioners_caseload_with_an_audit_entry_each(personas):
    text = HEADER + (
        "Ada Example,Ada,she/her,es,ada@example.org,0123 456,1 Sample Street,active,2025-03-01,,yes\n"
        "Ben Example,,,,,,,closed,2024-01-05,2025-02-01,no\n"
    )
    report = import_clients(text, personas.practitioner)
    assert report.ok and report.summary == "Imported 2 clients into Pat Practitioner's caseload."
    ada = Client.objects.get(name="Ada Example")
    assert (ada.preferred_name, ada.pronouns, ada.preferred_language, ada.email, ada.share_progress) == ("Ada", "she/her", "es", "ada@example.org", True)
    assert (ada.practitioner, ada.team, ada.opened_on) == (personas.practitioner, personas.team, date(2025, 3, 1))
    ben = Client.objects.get(name="Ben Example")
    assert (ben.status, ben.closed_on, ben.share_progress, ben.preferred_language) == ("closed", date(2025, 2, 1), False, "en")
    entries = AuditEntry.objects.filter(action="create", via="import")
    assert {(e.client_id, e.actor, e.record_type) for e in entries} == {
        (ada.pk, personas.practitioner, "client"), (ben.pk, personas.practitioner, "client"),
    }
    assert [c.pk for c in report.created] == [ada.pk, ben.pk]


@time_machine.travel("2025-06-15 12:00")
def test_only_a_name_is_needed_and_a_blank_opening_date_means_today(personas):
    report = import_clients("Name\nCara Example\n", personas.practitioner)
    assert report.ok
    cara = Client.objects.get(name="Cara Example")
    assert (cara.opened_on, cara.status, cara.preferred_language, cara.share_progress) == (date(2025, 6, 15), "active", "en", False)


def test_headings_ignore_case_spaces_and_hyphens_and_values_accept_spreadsheet_spellings(personas):
    report = import_clients(" Name ,E-mail,Preferred Language,SHARE_PROGRESS,Status\nDee Example,dee@example.org,Español,TRUE,Active\n", personas.practitioner)
    assert report.ok, messages(report)
    dee = Client.objects.get(name="Dee Example")
    assert (dee.email, dee.preferred_language, dee.share_progress, dee.status) == ("dee@example.org", "es", True, "active")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (",,,,,,,,2025-01-01,,", "clients.csv, line 2, column name: this cell is empty, and every client needs a name."),
        ("Eve Example,,,,,,,,31/02/2025,,", "clients.csv, line 2, column opened_on: '31/02/2025' is not a date; please write it as YYYY-MM-DD (for example 2025-02-28)."),
        ("Eve Example,,,,,,,,2025-02-31,,", "clients.csv, line 2, column opened_on: '2025-02-31' is not a date; please write it as YYYY-MM-DD (for example 2025-02-28)."),
        ("Eve Example,,,,,,,,,,maybe", "clients.csv, line 2, column share_progress: 'maybe' is not yes or no; please write yes or no (or leave it blank for no)."),
        ("Eve Example,,,,eve-at-example,,,,,,", "clients.csv, line 2, column email: 'eve-at-example' is not an email address; please check it (for example sam@example.org)."),
        ("Eve Example,,,,,,,open,,,", "clients.csv, line 2, column status: 'open' is not a status; please write active or closed."),
        ("Eve Example,,,fr,,,,,,,", "clients.csv, line 2, column preferred_language: 'fr' is not a language Alliance offers check-ins in; please write one of en (English), es (Español)."),
        ("Eve Example,," + "x" * 41 + ",,,,,,,,", "clients.csv, line 2, column pronouns: this is 41 characters long; Alliance keeps at most 40."),
        ("Eve Example,,,,,,,closed,2025-01-01,,", "clients.csv, line 2, column closed_on: Please give the date the work ended."),
        ("Eve Example,,,,,,,,2025-02-01,2025-01-01,", "clients.csv, line 2, column closed_on: The closing date can't be before the opening date."),
        ("Eve Example,,,,,,,,,,,,surplus", "clients.csv, line 2: this line has 13 cells but the header has 11; a value that contains ',' needs double quotes around it."),
    ],
)
def test_each_kind_of_problem_in_a_cell_gives_one_sentence_with_line_and_column(personas, row, expected):
    report = import_clients(HEADER + row + "\n", personas.practitioner)
    assert messages(report) == [expected]
    assert report.summary == "Nothing was imported: 1 problem in clients.csv."


def test_an_unknown_column_is_named_so_a_typo_never_silently_drops_data(personas):
    report = import_clients("name,emial,Fone\nFay Example,fay@example.org,1\n", personas.practitioner)
    assert messages(report) == [
        "clients.csv, line 1: Alliance does not know the columns 'emial' and 'Fone'; please check the spelling "
        "(the columns it reads are name, preferred_name, pronouns, preferred_language, email, phone, address, status, opened_on, closed_on, share_progress)."
    ]
    assert imported(personas) == []


def test_a_file_without_a_name_column_or_with_a_column_twice_is_refused(personas):
    report = import_clients("email,E-mail\nfay@example.org,fay@example.org\n", personas.practitioner, source_name="old.csv")
    assert messages(report) == [
        "old.csv, line 1: the column email appears more than once; please keep only one.",
        "old.csv, line 1: there is no name column, and every client needs a name (the columns Alliance reads are "
        "name, preferred_name, pronouns, preferred_language, email, phone, address, status, opened_on, closed_on, share_progress).",
    ]


def test_one_bad_row_saves_nothing_and_every_problem_is_reported_in_reading_order(personas):
    text = HEADER + "Gil Example,,,,,,,,2025-01-01,,\nHal Example,,,,not-an-email,,,,1/2/2025,,\n,,,,,,,,,,\n\nIvy Example,,,,,,,,,,perhaps\n"
    report = import_clients(text, personas.practitioner)
    assert messages(report) == [
        "clients.csv, line 3, column email: 'not-an-email' is not an email address; please check it (for example sam@example.org).",
        "clients.csv, line 3, column opened_on: '1/2/2025' is not a date; please write it as YYYY-MM-DD (for example 2025-02-28).",
        "clients.csv, line 6, column share_progress: 'perhaps' is not yes or no; please write yes or no (or leave it blank for no).",
    ]
    assert imported(personas) == [] and report.created == []
    assert not AuditEntry.objects.filter(via="import").exists()


def test_a_byte_order_mark_crlf_line_ends_semicolons_and_a_quoted_multi_line_address_are_read(personas):
    text = 'name;address;email\r\n"Jo Example";"Flat 2\r\n3 Sample Road";jo@example.org\r\nKim Example;;kim-example\r\n'
    report = import_clients(b"\xef\xbb\xbf" + text.encode("utf-8"), personas.practitioner)
    # The bad row starts on line 4: Jo's address runs over lines 2 and 3.
    assert messages(report) == ["clients.csv, line 4, column email: 'kim-example' is not an email address; please check it (for example sam@example.org)."]
    report = import_clients(b"\xef\xbb\xbf" + text.replace("kim-example", "kim@example.org").encode("utf-8"), personas.practitioner)
    assert report.ok, messages(report)
    assert Client.objects.get(name="Jo Example").address == "Flat 2\n3 Sample Road"


def test_text_that_is_not_utf8_is_refused_with_its_line(personas):
    report = import_clients("name\nLee Example\nMa\xefa Example\n".encode("cp1252"), personas.practitioner)
    assert messages(report) == ["clients.csv, line 3: this is not UTF-8 text (byte 0xEF). Please save the file as 'CSV UTF-8' and try again."]


def test_a_row_repeating_an_earlier_row_of_the_file_names_that_line(personas):
    text = "name,email,phone\nNed Example,ned@example.org,\nned  EXAMPLE,NED@example.org,0123 456\nOla Example,,0123456\nOla Example,,01234 56\n"
    report = import_clients(text, personas.practitioner)
    assert messages(report) == [
        "clients.csv, line 3: this client repeats line 2 (the same name and email); please remove one of the two lines.",
        "clients.csv, line 5: this client repeats line 4 (the same name and phone); please remove one of the two lines.",
    ]


def test_a_client_already_in_the_caseload_is_refused_and_the_existing_record_is_named(personas):
    Client.objects.filter(pk=personas.client.pk).update(email="casey@example.org", opened_on=date(2024, 9, 1))
    report = import_clients("name,email\ncasey client,Casey@Example.org\nOtto Other,\n", personas.practitioner)
    assert messages(report) == [
        "clients.csv, line 2: this client is already in Pat Practitioner's caseload (the same name and email, opened 2024-09-01); "
        "please remove the line, or edit the existing record instead."
    ]


def test_an_unclosed_quote_is_a_problem_on_its_line_and_never_swallows_the_rows_after_it(personas):
    text = "name,email,address\nDee Example,dee@example.org,\"12 Sample Street\n" + "".join(
        f"Client {i},c{i}@example.org,\n" for i in range(20)
    )
    report = import_clients(text, personas.practitioner, source_name="addr.csv")
    assert messages(report) == ["addr.csv, line 2: this line could not be read as CSV (unexpected end of data)."]
    assert imported(personas) == []


def test_a_line_break_outside_the_address_column_is_taken_for_a_lost_quote(personas):
    report = import_clients('name,email\n"Ana Example,ana@example.org\nBo Example",bo@example.org\n', personas.practitioner)
    assert messages(report) == [
        "clients.csv, line 2, column name: this cell runs over several lines, and only an address may; "
        "a closing double quote is probably missing in this row."
    ]
    assert imported(personas) == []


def test_a_first_line_that_cannot_be_read_says_why_rather_than_calling_the_file_empty(personas):
    report = import_clients('"name\n', personas.practitioner, source_name="broken.csv")
    assert messages(report) == ["broken.csv, line 1: this line could not be read as CSV (unexpected end of data)."]


def test_a_client_added_to_the_caseload_while_the_file_was_checked_is_caught_before_saving(personas):
    from alliance.records import builders

    def someone_adds_eve_meanwhile(done, total):
        if done == total:  # all rows checked, nothing saved yet: a second import (a double-click) lands now
            builders.make_client(personas.practitioner, "Eve Example", email="eve@example.org")

    text = "name,email\nEve Example,eve@example.org\nFay Example,fay@example.org\n"
    report = import_clients(text, personas.practitioner, progress=someone_adds_eve_meanwhile)
    assert not report.ok and [p.code for p in report.problems] == ["I021"]
    assert imported(personas) == ["Eve Example"]  # only the one added meanwhile; Fay waits for a clean file


def test_a_namesake_in_another_caseload_is_not_a_duplicate(personas):
    Client.objects.filter(pk=personas.other_client.pk).update(email="otto@example.org")
    assert import_clients("name,email\nOtto Other,otto@example.org\n", personas.practitioner).ok


def test_a_dry_run_checks_everything_and_saves_nothing(personas):
    report = import_clients("name\nPia Example\nQuin Example\n", personas.practitioner, dry_run=True)
    assert report.ok and report.rows == 2 and report.created == []
    assert report.summary == "Checked 2 clients: all can be imported into Pat Practitioner's caseload. Nothing was saved (check only)."
    assert imported(personas) == [] and not AuditEntry.objects.filter(via="import").exists()


def test_a_file_over_5_mb_is_refused_before_it_is_read(personas, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"name\n" + b"x" * MAX_BYTES)
    report = import_clients(path, personas.practitioner)
    assert messages(report) == ["big.csv: the file is 5.0 MB, larger than the 5 MB one import accepts. Please split it into smaller files and import each one."]


def test_more_than_5000_rows_are_refused(personas):
    report = import_clients("name\n" + "Row Example\n" * (MAX_ROWS + 1), personas.practitioner)
    assert messages(report) == ["clients.csv: the file has more than 5,000 clients, the most one import accepts. Please split it into smaller files and import each one."]


def test_an_empty_file_and_a_header_alone_are_refused(personas):
    assert messages(import_clients(b"", personas.practitioner)) == [
        "clients.csv: the file is empty. An import needs a header line naming the columns (at least name), then one line per client."
    ]
    assert messages(import_clients("name\n\n", personas.practitioner)) == ["clients.csv: the file has a header line but no clients below it."]


def test_many_problems_are_shown_up_to_fifty_then_counted(personas):
    report = import_clients("name,email\n" + "".join(f"Rae Example {i},bad\n" for i in range(60)), personas.practitioner)
    shown = report.problem_messages()
    assert len(report.problems) == 60 and len(shown) == 51
    assert shown[-1] == "…and 10 more problems. Please fix these and check the file again."


def test_a_path_names_the_file_in_messages_and_a_missing_path_is_one_sentence(personas, tmp_path):
    path = tmp_path / "north.csv"
    path.write_text("name,email\nSky Example,sky\n", encoding="utf-8")
    assert messages(import_clients(path, personas.practitioner))[0].startswith("north.csv, line 2, column email:")
    with pytest.raises(AllianceError) as missing:
        import_clients(tmp_path / "absent.csv", personas.practitioner)
    assert str(missing.value) == f"{tmp_path / 'absent.csv'}: no such file."


@pytest.mark.parametrize("who", ["supervisor", "admin"])
def test_only_a_practitioner_on_a_team_may_import(personas, who):
    with pytest.raises(AllianceError) as refused:
        import_clients("name\nTia Example\n", getattr(personas, who))
    assert str(refused.value) == "Only practitioners on a team can import clients into their caseload."
    personas.practitioner.team = None
    with pytest.raises(AllianceError):
        import_clients("name\nTia Example\n", personas.practitioner)
    assert imported(personas) == []


def test_progress_is_reported_row_by_row(personas):
    seen = []
    import_clients("name\nUma Example\nVic Example\n", personas.practitioner, dry_run=True, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


@given(st.binary(max_size=400) | st.text(max_size=400))
def test_any_input_gives_rows_or_problems_that_name_the_file_never_a_crash(data):
    try:
        table, problems = read_table(read_source(data, "any.csv"), "any.csv", COLUMNS)
    except FileRefused as refused:
        problems, table = [refused.problem], None
    assert table is not None or problems
    assert all(p.message.startswith("any.csv") for p in problems)
    if table is not None:
        lines = [row.line for row in table.rows]
        assert lines == sorted(set(lines)) and all(line >= 2 for line in lines)


ONE_LINE = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
CELL = st.text(ONE_LINE | st.just("\n"), max_size=12).map(str.strip)
NAME = st.text(ONE_LINE, max_size=12).map(str.strip).filter(bool)  # only an address may run over lines (I023)


@given(
    rows=st.lists(st.tuples(NAME, CELL), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_rows_written_by_a_spreadsheet_come_back_with_their_cells_and_the_line_each_starts_on(rows, delimiter, newline):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["name", "address"])
    starts, line = [], 2
    for row in rows:
        writer.writerow(row)
        starts.append(line)
        line += sum(cell.count("\n") for cell in row) + 1
    table, problems = read_table(out.getvalue(), "sheet.csv", COLUMNS)
    assert problems == []
    assert [(r.cells["name"], r.cells["address"]) for r in table.rows] == rows
    assert [r.line for r in table.rows] == starts
