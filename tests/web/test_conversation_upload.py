"""Uploading a transcript: only the assigned practitioner, only with consent; the analysis is queued, never run inline."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alliance.records import builders
from alliance.records.models import Job
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text

TRANSCRIPT = "Pat: What would you like to talk about today?\nCasey: Mostly my sleep, it has been awful.\n"
CONSENT_REFUSAL = (
    "Transcripts can only be analysed when the client has agreed to it for this contact. "
    "You can record their consent on the contact."
)


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, recording_consent="yes")


def url(contact):
    return f"/contacts/{contact.pk}/conversation/"


def upload(name="session.txt", data=TRANSCRIPT.encode()):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_the_practitioner_uploads_a_file_and_it_is_queued_for_the_worker(client, personas, contact):
    signed_in(client, personas.practitioner)
    response = client.post(url(contact), {"file": upload(), "format": "", "practitioner_names": "Pat"})
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/#conversation"
    analysis = contact.analyses.get()
    assert (analysis.status, analysis.original_name, analysis.practitioner_names) == ("queued", "session.txt", ["Pat"])
    assert analysis.source_text == TRANSCRIPT
    job = Job.objects.get(payload__analysis_id=str(analysis.pk))
    assert (job.kind, job.status, job.payload) == ("analyze_transcript", "queued", {"analysis_id": str(analysis.pk)})
    assert ("create", "conversationanalysis") in audit_trail(personas.practitioner)


def test_pasted_text_is_accepted_and_several_names_are_split_at_commas(client, personas, contact):
    signed_in(client, personas.practitioner)
    response = client.post(url(contact), {"text": TRANSCRIPT, "format": "text", "practitioner_names": "Pat, Robin ,"})
    assert response.status_code == 302
    analysis = contact.analyses.get()
    assert (analysis.original_name, analysis.format, analysis.practitioner_names) == ("The pasted text", "text", ["Pat", "Robin"])


def test_the_upload_page_offers_the_form(client, personas, contact):
    signed_in(client, personas.practitioner)
    page = visible_text(client.get(url(contact)))
    assert "Transcript file" in page and "Or paste the transcript" in page
    assert ("view", "contact") in audit_trail(personas.practitioner)


def test_without_consent_the_form_is_not_offered_and_says_why(client, personas):
    contact = builders.make_contact(personas.client, recording_consent="not_asked")
    signed_in(client, personas.practitioner)
    page = visible_text(client.get(url(contact)))
    assert CONSENT_REFUSAL in page
    assert "Transcript file" not in page


def test_without_consent_an_upload_is_refused_with_the_explanation_and_nothing_is_stored(client, personas):
    contact = builders.make_contact(personas.client, recording_consent="no")
    jobs_before = Job.objects.count()
    signed_in(client, personas.practitioner)
    response = client.post(url(contact), {"file": upload()})
    assert response.status_code == 409
    assert CONSENT_REFUSAL in visible_text(response)
    assert not contact.analyses.exists() and Job.objects.count() == jobs_before
    assert ("denied", "contact") in audit_trail(personas.practitioner)


def test_a_file_over_the_size_limit_gets_a_field_error(client, personas, contact, settings):
    settings.ALLIANCE_MAX_UPLOAD_BYTES = 1024
    signed_in(client, personas.practitioner)
    response = client.post(url(contact), {"file": upload("long.vtt", b"x" * 3000)})
    assert response.status_code == 400
    assert (
        "long.vtt is 3 KB, larger than the 1 KB this agency accepts. Split the transcript into parts, "
        "or ask your administrator about ALLIANCE_MAX_UPLOAD_BYTES."
    ) in visible_text(response)
    assert not contact.analyses.exists()


def test_a_file_that_is_not_utf8_gets_a_field_error_naming_the_line(client, personas, contact):
    signed_in(client, personas.practitioner)
    response = client.post(url(contact), {"file": upload("notes.txt", b"Pat: hello\nCasey: caf\xe9\n")})
    assert response.status_code == 400
    assert (
        "notes.txt, line 2: this is not UTF-8 text (byte 0xe9 at column 11). Save the file as UTF-8 and try again."
    ) in visible_text(response)


def test_sending_neither_a_file_nor_text_asks_for_one(client, personas, contact):
    signed_in(client, personas.practitioner)
    response = client.post(url(contact), {"text": "  "})
    assert "Choose a transcript file or paste the transcript text." in visible_text(response)


def test_sending_both_a_file_and_text_asks_for_one_of_them(client, personas, contact):
    signed_in(client, personas.practitioner)
    response = client.post(url(contact), {"file": upload(), "text": TRANSCRIPT})
    assert "Choose a file or paste text, not both." in visible_text(response)
    assert not contact.analyses.exists()


def test_the_supervisor_may_not_upload(client, personas, contact):
    signed_in(client, personas.supervisor)
    assert client.post(url(contact), {"file": upload()}).status_code == 403
    assert ("denied", "contact") in audit_trail(personas.supervisor)
    assert not contact.analyses.exists()


@pytest.mark.parametrize("who", ["teammate", "stranger"])
def test_people_not_assigned_to_the_client_get_not_found(client, personas, contact, who):
    signed_in(client, getattr(personas, who))
    assert client.get(url(contact)).status_code == 404
    assert client.post(url(contact), {"file": upload()}).status_code == 404


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_contact_id_is_not_found(client, personas, bad_id):
    signed_in(client, personas.practitioner)
    assert client.get(f"/contacts/{bad_id}/conversation/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, contact):
    response = client.get(url(contact))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
