"""The import page: a practitioner uploads a CSV; problems are listed and nothing is saved; others are refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser

from alliance.records.models import AuditEntry, Client
from tests.personas import PASSWORD
from tests.web.helpers import audit_trail, signed_in, visible_text

URL = "/clients/import/"


def upload(text: str, name: str = "caseload.csv", **fields) -> dict:
    return {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv"), **fields}


def imported() -> list[str]:
    return sorted(Client.objects.filter(name__endswith=" Example").values_list("name", flat=True))


def test_the_page_asks_for_a_file_and_explains_the_columns(client, personas):
    response = signed_in(client, personas.practitioner).get(URL)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Import clients" in text and "Your CSV file" in text and "Check only" in text
    assert "Dates written YYYY-MM-DD" in text


def test_the_caseload_links_to_the_import_page_for_practitioners(client, personas):
    assert 'href="/clients/import/"' in visible_text(signed_in(client, personas.practitioner).get("/"))


def test_a_practitioners_upload_imports_every_client_then_goes_back_to_the_caseload_and_says_how_many(client, personas):
    signed_in(client, personas.practitioner)
    response = client.post(URL, upload("name,email\nAmy Example,amy@example.org\nBo Example,\n"), follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Imported 2 clients into Pat Practitioner&#x27;s caseload." in visible_text(response)
    assert imported() == ["Amy Example", "Bo Example"]
    created = Client.objects.filter(name__endswith=" Example")
    assert {c.practitioner for c in created} == {personas.practitioner}
    assert [(e.action, e.via) for e in AuditEntry.objects.filter(client_id__in=[c.pk for c in created])] == [("create", "import")] * 2


def test_problems_are_listed_in_an_alert_with_line_and_column_and_nothing_is_saved(client, personas):
    signed_in(client, personas.practitioner)
    response = client.post(URL, upload("name,email,opened_on\nCy Example,cy@example.org,2025-01-01\nDi Example,di,2025-13-01\n", name="north.csv"))
    assert response.status_code == 400
    text = visible_text(response)
    assert 'role="alert"' in text
    assert "Nothing was imported: 2 problems in north.csv." in text
    assert "north.csv, line 3, column email: &#x27;di&#x27; is not an email address; please check it (for example sam@example.org)." in text
    assert "north.csv, line 3, column opened_on: &#x27;2025-13-01&#x27; is not a date; please write it as YYYY-MM-DD (for example 2025-02-28)." in text
    assert imported() == [] and audit_trail(personas.practitioner) == []


def test_check_only_reports_without_saving(client, personas):
    signed_in(client, personas.practitioner)
    response = client.post(URL, upload("name\nEd Example\n", check_only="on"))
    assert response.status_code == 200
    assert "Checked 1 client: all can be imported into Pat Practitioner&#x27;s caseload. Nothing was saved (check only)." in visible_text(response)
    assert imported() == []


def test_posting_without_a_file_asks_for_one(client, personas):
    response = signed_in(client, personas.practitioner).post(URL, {})
    assert response.status_code == 400
    assert "Please choose the CSV file to import." in visible_text(response)


@pytest.mark.parametrize("who", ["supervisor", "admin"])
def test_supervisors_and_administrators_may_not_import(client, personas, who):
    signed_in(client, getattr(personas, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, upload("name\nFlo Example\n")).status_code == 403
    assert imported() == []


def test_a_practitioner_without_a_team_may_not_import(client, personas):
    personas.teammate.team = None
    personas.teammate.save()
    signed_in(client, personas.teammate)
    assert client.post(URL, upload("name\nGus Example\n")).status_code == 403
    assert imported() == []


def test_signed_out_visitors_are_sent_to_sign_in(client, personas):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_csrf_protection_is_on(personas):
    browser = Browser(enforce_csrf_checks=True)
    assert browser.login(username="pat", password=PASSWORD)
    assert browser.post(URL, upload("name\nHal Example\n")).status_code == 403
    assert imported() == []
