"""PDFs for supervision and case review: a client summary and a session's analysis, dated, named and numbered."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from alliance.records import builders
from alliance.records.models import AuditEntry
from tests.web.exports_fixtures import checkins, finished_analysis
from tests.web.helpers import BAD_IDS, audit_trail, signed_in

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


def pdf_text(body: bytes) -> str:
    """The PDF's text as pdftotext reads it (a page break is a form feed)."""
    assert body.startswith(b"%PDF-")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True, timeout=60)
    return done.stdout.decode()


def test_the_case_review_summary_holds_the_key_sections_with_the_practitioner_date_and_page_numbers(client, personas):
    checkins(personas.client)
    builders.make_goal(personas.client, "Sleep through the night", level_0="Three nights a week", level_plus_1="Most nights")
    signed_in(client, personas.supervisor)
    response = client.get(f"/clients/{personas.client.pk}/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for heading in ("Case review: Casey", "Details", "Needs attention", "Cultural context", "Goals", "Relationship check-in",
                    "Recent contacts"):
        assert heading in text, heading
    assert "Practitioner: Pat Practitioner" in text  # in every page's header
    assert "Printed " in text and "by Sue Supervisor" in text
    pages = text.count("\f")
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert audit_trail(personas.supervisor, client_id=personas.client.pk) == [("export", "client")]
    info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True, timeout=60).stdout.decode()
    assert "Tagged:          yes" in info  # headings, lists and tables for a screen reader
    assert "Title:           Case review: Casey" in info


def test_the_session_analysis_pdf_holds_the_numbers_the_feedback_and_the_turns(client, personas):
    contact = builders.make_contact(personas.client)
    analysis = finished_analysis(contact)
    response = signed_in(client, personas.practitioner).get(f"/conversations/{analysis.pk}/analysis.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    for part in ("Session analysis: Casey", "The session in numbers", "Feedback", "The conversation, turn by turn",
                 "Practitioner: Pat Practitioner", "(R:Q)", "You reflected the client's wish", "Page 1 of"):
        assert part in text, part
    assert AuditEntry.objects.filter(actor=personas.practitioner, action="export", record_type="conversationanalysis").count() == 1


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_anyone_who_may_not_read_the_record_gets_no_pdf(client, personas, who):
    analysis = finished_analysis(builders.make_contact(personas.client))
    signed_in(client, getattr(personas, who))
    assert client.get(f"/clients/{personas.client.pk}/summary.pdf").status_code == 404
    assert client.get(f"/conversations/{analysis.pk}/analysis.pdf").status_code == 404


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_id_is_not_found(client, personas, bad_id):
    signed_in(client, personas.practitioner)
    assert client.get(f"/clients/{bad_id}/summary.pdf").status_code == 404
    assert client.get(f"/conversations/{bad_id}/analysis.pdf").status_code == 404


def test_a_name_that_looks_like_css_cannot_break_out_of_the_page_header(client, personas):
    personas.client.preferred_name = 'Casey"; } </style><h1>x'
    personas.client.save(update_fields=["preferred_name"])
    response = signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/summary.pdf")
    assert response.status_code == 200
    assert "Page 1 of" in pdf_text(response.content)


def test_without_weasyprint_the_pdf_link_explains_and_points_to_the_browsers_print(client, personas, monkeypatch):
    from alliance.web import paper

    monkeypatch.setattr(paper, "pdf_available", lambda: False)
    response = signed_in(client, personas.practitioner).get(f"/clients/{personas.client.pk}/summary.pdf")
    assert response.status_code == 503
    assert "use your browser's <strong>Print</strong>" in response.content.decode()
    assert not AuditEntry.objects.filter(action="export").exists()
