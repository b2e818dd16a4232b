"""Pages with client names are never cached and are audited; a form too big to send is explained, not a bare 400."""

from __future__ import annotations

from django.utils import timezone

from alliance.records.models import AuditEntry, Contact, ConversationAnalysis
from tests.web.helpers import signed_in, visible_text


def test_the_caseload_and_its_filtered_fragment_are_sent_with_no_store(client, personas):
    signed_in(client, personas.practitioner)
    assert client.get("/")["Cache-Control"] == "no-store"
    assert client.get("/?q=cas", HTTP_HX_REQUEST="true")["Cache-Control"] == "no-store"


def test_the_conversation_status_fragment_is_sent_with_no_store(client, personas):
    contact = Contact.objects.create(client=personas.client, practitioner=personas.practitioner, starts_at=timezone.now())
    analysis = ConversationAnalysis.objects.create(contact=contact)
    signed_in(client, personas.practitioner)
    response = client.get(f"/conversations/{analysis.pk}/status/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_opening_the_caseload_is_in_the_audit_trail(client, personas):
    signed_in(client, personas.practitioner)
    client.get("/")
    entry = AuditEntry.objects.get(record_type="caseload")
    assert (entry.actor, entry.action, entry.record_id, entry.via) == (personas.practitioner, "view", str(personas.practitioner.pk), "web")


def test_opening_the_team_page_is_in_the_audit_trail(client, personas):
    signed_in(client, personas.supervisor)
    assert client.get("/team/").status_code == 200
    entry = AuditEntry.objects.get(record_type="team")
    assert (entry.actor, entry.action, entry.record_id) == (personas.supervisor, "view", str(personas.team.pk))


def test_a_pasted_transcript_bigger_than_a_form_may_be_is_explained_in_plain_words(client, personas, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    contact = Contact.objects.create(
        client=personas.client, practitioner=personas.practitioner, starts_at=timezone.now(), recording_consent="yes",
    )
    signed_in(client, personas.practitioner)
    response = client.post(f"/contacts/{contact.pk}/conversation/", {"text": "Alex: words\n" * 10_000, "practitioner_names": "Alex"})
    assert response.status_code == 413
    text = visible_text(response)
    assert "Too large to send" in text
    assert "larger than the 64 KB Alliance accepts in one form, so nothing was saved. Go back: your text is still in the form." in text
    assert "Bad Request" not in text
