"""CSV export for analysts: one row per answered instrument, pseudonymous reference, no names."""

import csv
import io
from datetime import date

from alliance.measures import CheckinRecord, responses_csv


def read(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_each_answered_instrument_is_one_row_with_total_severity_and_items():
    rows = read(responses_csv([
        ("c-1", CheckinRecord("gad-7", date(2026, 3, 2), (2, 2, 1, 1, 0, 1, 1))),
        ("c-1", CheckinRecord("phq-9", date(2026, 3, 2), (3, 3, 3, 3, 3, 0, 0, 0, 0))),
        ("c-2", CheckinRecord("phq-9", date(2026, 3, 3), None)),
    ]))
    assert [(r["instrument_id"], r["total"], r["severity"], r["caseness"]) for r in rows] == [
        ("gad-7", "8", "mild", "true"),
        ("phq-9", "15", "moderately_severe", "true"),
    ]
    assert rows[0]["item_7"] == "1" and rows[0]["item_8"] == "" and rows[1]["item_9"] == "0"


def test_a_client_reference_that_a_spreadsheet_would_run_as_a_formula_is_defused():
    [row] = read(responses_csv([("=HYPERLINK(1)", CheckinRecord("relationship-checkin", date(2026, 3, 2), (4,) * 5))]))
    assert row["client_ref"] == "'=HYPERLINK(1)"
