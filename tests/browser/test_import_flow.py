"""In Chromium against the real server: a practitioner checks a spreadsheet on a phone and reads each problem.

Only "check only" and files with problems are used, so the shared demo caseload stays as it is.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_accessibility import PHONE, new_page, problems

pytestmark = pytest.mark.browser


def choose(tab, text: str, name: str = "caseload.csv") -> None:
    tab.get_by_label("Your CSV file").set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}])


def test_a_practitioner_on_a_phone_sees_every_problem_then_a_clean_check(live_server_url, page):
    context, tab = new_page(page, PHONE)
    login(tab, live_server_url, "demo-practitioner")
    tab.goto(live_server_url + "/")
    tab.get_by_role("link", name="Import clients").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Import clients")
    choose(tab, "name;email;opened_on\r\nIris Example;iris-at-example;2025-01-01\r\nJon Example;jon@example.org;01/02/2025\r\n")
    tab.get_by_role("button", name="Import").click()
    alert = tab.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was imported: 2 problems in caseload.csv.")
    expect(alert.get_by_role("listitem")).to_have_text([
        "caseload.csv, line 2, column email: 'iris-at-example' is not an email address; please check it (for example sam@example.org).",
        "caseload.csv, line 3, column opened_on: '01/02/2025' is not a date; please write it as YYYY-MM-DD (for example 2025-02-28).",
    ])
    found = problems(tab, "import-problems")
    choose(tab, "name\nKit Example\n")
    tab.get_by_label("Check only").check()
    tab.get_by_role("button", name="Import").click()
    expect(tab.get_by_role("status")).to_have_text("Checked 1 client: all can be imported into Alex Rivera's caseload. Nothing was saved (check only).")
    found += problems(tab, "import-checked")
    context.close()
    assert found == []
