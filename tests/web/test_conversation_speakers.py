"""Who is who after an upload, how long the text is kept, and removing an analysis (docs/conversations.md).

A practitioner (Dana) uploads a family session where her name appears two ways and the
client's sister speaks too; she confirms or changes who is who before it counts.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance.records import builders, jobs, transcript_retention
from alliance.records.models import (
    AgencySettings,
    AuditEntry,
    Contact,
    ConversationAnalysis,
)
from alliance.web.pages.practice import analyzed_rows
from tests.web.conversation_fixtures import FAMILY, WARM, analyzed
from tests.web.helpers import signed_in, visible_text


@pytest.fixture
def contact(personas):
    return builders.make_contact(personas.client, recording_consent="yes")


def family_analysis(contact) -> ConversationAnalysis:
    analysis = ConversationAnalysis.objects.create(
        contact=contact, original_name="family.txt", source_text=FAMILY, created_by=contact.practitioner,
    )
    jobs.run_job(jobs.enqueue("analyze_transcript", {"analysis_id": str(analysis.pk)}))
    analysis.refresh_from_db()
    return analysis


def page(client, user, contact) -> str:
    signed_in(client, user)
    response = client.get(f"/contacts/{contact.pk}/")
    assert response.status_code == 200
    return visible_text(response)


def roles_of(analysis) -> dict[str, str]:
    return {u["speaker"]: u["role"] for u in analysis.result["utterances"]}


def run_queued(analysis) -> ConversationAnalysis:
    job = jobs.Job.objects.filter(payload__analysis_id=str(analysis.pk), status="queued").latest("created_at")
    jobs.run_job(job)
    analysis.refresh_from_db()
    return analysis


def test_guessed_roles_wait_for_the_practitioner_and_do_not_count_in_trends(client, personas, contact):
    analysis = family_analysis(contact)
    assert analysis.status == "done" and not analysis.roles_confirmed
    assert analyzed_rows([personas.practitioner.pk], timezone.now() - timedelta(days=400)) == []
    text = page(client, personas.practitioner, contact)
    assert "Who is who? Please check" in text
    assert "This conversation counts in your trends once you confirm." in text
    # Each speaker with a sample of their words and a choice of role or merge.
    assert "Dana R" in text and "DANA" in text and "Lee" in text
    assert "Thanks for coming in, both of you." in text
    assert "The same person as DANA" in text


def test_merging_two_labels_and_naming_the_sister_recodes_the_session_and_then_it_counts(client, personas, contact):
    analysis = family_analysis(contact)
    speakers = [u["speaker"] for u in analysis.result["utterances"]]
    order = list(dict.fromkeys(speakers))
    wanted = {"Dana R": "practitioner", "Sam": "client", "DANA": "Dana R", "Lee": "other"}
    signed_in(client, personas.practitioner)
    response = client.post(f"/conversations/{analysis.pk}/speakers/",
                           {f"speaker_{i}": wanted[label] for i, label in enumerate(order)})
    assert response.status_code == 302
    analysis.refresh_from_db()
    assert analysis.status == "queued" and analysis.roles_confirmed
    analysis = run_queued(analysis)
    assert analysis.status == "done"
    assert roles_of(analysis) == {"Dana R": "practitioner", "Sam": "client", "Lee": "other"}
    # The sister's words are shown but never coded as client talk; the merged practitioner turns are one person.
    lee = [u for u in analysis.result["utterances"] if u["speaker"] == "Lee"]
    assert lee and all(u["codes"]["client_talk"] is None for u in lee)
    assert analysis.metrics["reflections"] + analysis.metrics["questions"] >= 3
    rows = analyzed_rows([personas.practitioner.pk], timezone.now() - timedelta(days=400))
    assert len(rows) == 1
    assert AuditEntry.objects.filter(action="update", record_id=str(analysis.pk), actor=personas.practitioner).exists()
    assert "Who is who as you set it" in page(client, personas.practitioner, contact)


def test_confirming_the_suggestion_counts_it_without_analysing_again(client, personas, contact):
    analysis = family_analysis(contact)
    order = list(dict.fromkeys(u["speaker"] for u in analysis.result["utterances"]))
    suggested = roles_of(analysis)
    signed_in(client, personas.practitioner)
    client.post(f"/conversations/{analysis.pk}/speakers/", {f"speaker_{i}": suggested[s] for i, s in enumerate(order)})
    analysis.refresh_from_db()
    assert analysis.status == "done" and analysis.roles_confirmed
    assert not jobs.Job.objects.filter(payload__analysis_id=str(analysis.pk), status="queued").exists()


def test_a_choice_without_a_client_is_refused_with_a_sentence_and_changes_nothing(client, personas, contact):
    analysis = family_analysis(contact)
    order = list(dict.fromkeys(u["speaker"] for u in analysis.result["utterances"]))
    signed_in(client, personas.practitioner)
    response = client.post(f"/conversations/{analysis.pk}/speakers/",
                           {f"speaker_{i}": "practitioner" for i in range(len(order))}, follow=True)
    assert "Please mark who the client is." in visible_text(response)
    analysis.refresh_from_db()
    assert not analysis.roles_confirmed and analysis.status == "done"


def test_only_the_assigned_practitioner_may_set_who_is_who(client, personas, contact):
    analysis = family_analysis(contact)
    signed_in(client, personas.supervisor)
    response = client.post(f"/conversations/{analysis.pk}/speakers/", {"speaker_0": "client"})
    assert response.status_code == 403
    analysis.refresh_from_db()
    assert not analysis.roles_confirmed


def test_a_transcript_that_names_the_practitioner_counts_at_once(personas, contact):
    analysis = analyzed(contact, WARM)
    assert analysis.roles_confirmed


def test_the_worker_removes_text_after_the_retention_period_and_writes_an_audit_entry(client, personas, contact):
    analysis = analyzed(contact, WARM)
    assert analysis.source_text and not analysis.text_discarded
    assert transcript_retention.purge_expired(now=timezone.now() + timedelta(days=89)) == 0
    assert transcript_retention.purge_expired(now=timezone.now() + timedelta(days=91)) == 1
    analysis.refresh_from_db()
    assert analysis.source_text == "" and analysis.text_discarded and analysis.text_purged_at
    assert all("text" not in u and "codes" in u for u in analysis.result["utterances"])
    assert {u["speaker"] for u in analysis.result["utterances"]} == {"Practitioner", "Client"}  # no names either
    assert analysis.metrics and analysis.result["feedback"] is not None
    entry = AuditEntry.objects.get(action="purge", record_id=str(analysis.pk))
    assert entry.actor is None and entry.via == "worker" and entry.client_id == contact.client_id
    assert "The transcript text is no longer kept (removed" in page(client, personas.practitioner, contact)


def test_the_purge_is_one_of_the_workers_periodic_tasks():
    assert transcript_retention.purge_expired in jobs.PERIODIC


def test_with_no_retention_an_unconfirmed_analysis_keeps_its_text_for_a_day_to_confirm(contact):
    AgencySettings.objects.update_or_create(pk=1, defaults={"transcript_retention_days": 0})
    analysis = family_analysis(contact)
    assert analysis.source_text
    assert transcript_retention.purge_expired() == 0
    assert transcript_retention.purge_expired(now=timezone.now() + timedelta(days=1, minutes=1)) == 1


def test_a_failed_analysis_keeps_no_text(contact):
    analysis = analyzed(contact, text="Alex hello there\nClient hi\n", name="notes.txt")
    assert analysis.status == "failed" and analysis.source_text == ""


def test_leaving_an_analysis_out_of_trends_and_bringing_it_back(client, personas, contact):
    analysis = analyzed(contact, WARM)
    since = timezone.now() - timedelta(days=400)
    assert len(analyzed_rows([personas.practitioner.pk], since)) == 1
    signed_in(client, personas.practitioner)
    client.post(f"/conversations/{analysis.pk}/exclude/", {"excluded": "yes"})
    assert analyzed_rows([personas.practitioner.pk], since) == []
    assert "Left out of trends" in page(client, personas.practitioner, contact)
    client.post(f"/conversations/{analysis.pk}/exclude/", {"excluded": "no"})
    assert len(analyzed_rows([personas.practitioner.pk], since)) == 1


def test_deleting_an_analysis_removes_it_and_its_text_and_keeps_an_audit_entry(client, personas, contact):
    analysis = analyzed(contact, WARM)
    signed_in(client, personas.practitioner)
    response = client.post(f"/conversations/{analysis.pk}/delete/")
    assert response.status_code == 302
    assert not ConversationAnalysis.objects.filter(pk=analysis.pk).exists()
    assert AuditEntry.objects.filter(action="delete", record_id=str(analysis.pk), actor=personas.practitioner).exists()


def test_a_supervisor_cannot_delete_a_practitioners_analysis(client, personas, contact):
    analysis = analyzed(contact, WARM)
    signed_in(client, personas.supervisor)
    assert client.post(f"/conversations/{analysis.pk}/delete/").status_code == 403
    assert ConversationAnalysis.objects.filter(pk=analysis.pk).exists()


def test_withdrawn_consent_deletes_the_contacts_analyses_and_stops_new_uploads(client, personas, contact):
    analyzed(contact, WARM)
    analyzed(contact, WARM)
    signed_in(client, personas.practitioner)
    response = client.post(f"/contacts/{contact.pk}/consent-withdrawn/", follow=True)
    assert "2 analyses are deleted" in visible_text(response)
    contact.refresh_from_db()
    assert contact.recording_consent == Contact.Consent.WITHDRAWN
    assert not ConversationAnalysis.objects.filter(contact=contact).exists()
    assert AuditEntry.objects.filter(action="delete", record_type="conversationanalysis", client_id=contact.client_id).count() == 2
    assert client.post(f"/contacts/{contact.pk}/conversation/", {"text": "A: hi\nB: hello\n"}).status_code == 409


def test_recording_withdrawn_consent_on_the_contact_form_deletes_the_analyses_too(client, personas, contact):
    analyzed(contact, WARM)
    signed_in(client, personas.practitioner)
    response = client.get(f"/contacts/{contact.pk}/edit/")
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(recording_consent="withdrawn", starts_at=timezone.localtime(contact.starts_at).strftime("%Y-%m-%dT%H:%M"))
    response = client.post(f"/contacts/{contact.pk}/edit/", data)
    assert response.status_code == 302, response.content[:500]
    assert not ConversationAnalysis.objects.filter(contact=contact).exists()


def test_the_administrator_sets_the_retention_period_in_the_agency_settings(client, personas):
    AgencySettings.current()
    signed_in(client, personas.admin)
    page = client.get("/admin/records/agencysettings/1/change/")
    assert page.status_code == 200
    assert 'name="transcript_retention_days"' in page.content.decode() and 'value="90"' in page.content.decode()


def test_the_caseload_reminds_the_practitioner_of_conversations_waiting_for_who_is_who(client, personas, contact):
    analysis = family_analysis(contact)
    text = page_of(client, personas.practitioner, "/")
    assert "Conversations to check" in text and f"/contacts/{contact.pk}/#conversation" in text
    assert "Conversations to check" not in page_of(client, personas.supervisor, "/")  # only the practitioner can confirm
    ConversationAnalysis.objects.filter(pk=analysis.pk).update(roles_confirmed=True)
    assert "Conversations to check" not in page_of(client, personas.practitioner, "/")


def page_of(client, user, url: str) -> str:
    signed_in(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return visible_text(response)


def test_the_page_never_shows_the_command_lines_hint_and_says_who_confirmed(client, personas, contact):
    analysis = family_analysis(contact)
    assert analysis.result["role_note"].startswith("Roles were guessed")  # the core's note, meant for the CLI
    order = list(dict.fromkeys(u["speaker"] for u in analysis.result["utterances"]))
    suggested = roles_of(analysis)
    signed_in(client, personas.practitioner)
    client.post(f"/conversations/{analysis.pk}/speakers/", {f"speaker_{i}": suggested[s] for i, s in enumerate(order)})
    text = page_of(client, personas.practitioner, f"/contacts/{contact.pk}/")
    assert "--practitioner" not in text and "Roles were guessed" not in text
    assert "You confirmed who is who as Alliance suggested." in text


def test_two_speakers_marked_as_each_other_are_refused_with_a_sentence(client, personas, contact):
    analysis = family_analysis(contact)
    order = list(dict.fromkeys(u["speaker"] for u in analysis.result["utterances"]))
    wanted = {"Dana R": "DANA", "DANA": "Dana R", "Sam": "client", "Lee": "other"}
    signed_in(client, personas.practitioner)
    response = client.post(f"/conversations/{analysis.pk}/speakers/",
                           {f"speaker_{i}": wanted[label] for i, label in enumerate(order)}, follow=True)
    assert "Two speakers are each marked as the same person as the other." in visible_text(response)
    analysis.refresh_from_db()
    assert not analysis.roles_confirmed and analysis.status == "done"
