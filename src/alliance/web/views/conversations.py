"""Upload a transcript for a contact and follow its analysis: enqueue, then poll a fragment (docs/architecture.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from alliance.errors import AllianceError
from alliance.records import audit, jobs, transcript_retention
from alliance.records.access import get_analysis_for_user, get_contact_for_user
from alliance.records.models import Contact, ConversationAnalysis
from alliance.transcripts.model import ROLES
from alliance.web.conversation_forms import TranscriptForm
from alliance.web.sections import conversations as section
from alliance.web.speaker_step import SpeakersForm, speakers_of


@login_required
def conversation_upload(request, contact_id):
    """Only the assigned practitioner, and only with the client's consent for this contact."""
    contact, _ = get_contact_for_user(request.user, contact_id, write=True, action=None)
    context = {"contact": contact, "client": contact.client}
    if contact.recording_consent != Contact.Consent.YES:
        audit.record(request.user, "denied" if request.method == "POST" else "view", contact, client_id=contact.client_id)
        context["refusal"] = AllianceError("V001").message
        return render(request, "alliance/conversation_upload.html", context, status=409 if request.method == "POST" else 200)
    form = TranscriptForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text, name = form.transcript()
        with transaction.atomic():
            analysis = ConversationAnalysis.objects.create(
                contact=contact, original_name=name[:200], format=form.cleaned_data["format"],
                practitioner_names=form.names(), source_text=text, created_by=request.user,
            )
            jobs.enqueue("analyze_transcript", {"analysis_id": str(analysis.pk)})
            audit.record(request.user, "create", analysis, client_id=contact.client_id)
        messages.success(request, "Thank you. The transcript is being analysed; the Conversation section below shows how it is going.")
        return _conversation_of(contact.pk)
    if request.method == "GET":
        audit.record(request.user, "view", contact, client_id=contact.client_id)
    context.update(form=form, conversation_retention_days=transcript_retention.retention_days())
    return render(request, "alliance/conversation_upload.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def conversation_status(request, analysis_id):
    """The Conversation section's body, polled by HTMX while the analysis waits or runs."""
    analysis, can_write = get_analysis_for_user(request.user, analysis_id, action=None)
    if not request.htmx:
        return _conversation_of(analysis.contact_id)
    if analysis.status in section.FINISHED:
        # Only now does the fragment show the client's conversation; the polls before show a status.
        audit.record(request.user, "view", analysis, client_id=analysis.contact.client_id)
    context = {"contact": analysis.contact, "can_write": can_write}
    context.update(section.contact_context(request, analysis.contact, can_write))
    return render(request, f"{section.CONTACT_TEMPLATE}#conversation-body", context)


def _conversation_of(contact_id) -> HttpResponseRedirect:
    """Back to the contact's page, at its Conversation section."""
    return redirect(reverse("contact_detail", args=[contact_id]) + "#conversation")


def _back(analysis) -> HttpResponseRedirect:
    return _conversation_of(analysis.contact_id)


@login_required
@require_POST
def conversation_speakers(request, analysis_id):
    """Confirm who is who, or change it (which analyses the transcript again with the choices)."""
    analysis, _ = get_analysis_for_user(request.user, analysis_id, write=True, action=None)
    if analysis.status != ConversationAnalysis.Status.DONE or not analysis.result:
        messages.error(request, "This analysis is not finished yet, so who is who cannot be set.")
        return _back(analysis)
    form = SpeakersForm(speakers_of(analysis.result), request.POST, can_change=not analysis.text_discarded)
    if not form.is_valid():
        for error in form.non_field_errors() or ["Please choose a role for every speaker."]:
            messages.error(request, error)
        return _back(analysis)
    with transaction.atomic():
        if form.changes_anything():
            # Labels merged before are gone from the result but not from the text: keep those merges.
            merged = {k: v for k, v in (analysis.speaker_choices or {}).items() if v not in ROLES}
            ConversationAnalysis.objects.filter(pk=analysis.pk).update(
                speaker_choices={**merged, **form.cleaned_data["choices"]}, roles_confirmed=True,
                status=ConversationAnalysis.Status.QUEUED, progress=0.0, result=None, metrics=None, finished_at=None,
            )
            jobs.enqueue("analyze_transcript", {"analysis_id": str(analysis.pk)})
            message = "Thank you. The conversation is being analysed again with who is who as you set it."
        else:
            ConversationAnalysis.objects.filter(pk=analysis.pk).update(roles_confirmed=True)
            message = "Thank you: who is who is confirmed, and this conversation now counts in your trends."
        audit.record(request.user, "update", analysis, client_id=analysis.contact.client_id)
    transcript_retention.remove_text_if_due(analysis, actor=request.user)
    messages.success(request, message)
    return _back(analysis)


@login_required
@require_POST
def conversation_exclude(request, analysis_id):
    """Leave an analysis out of the practitioner's trends, or bring it back."""
    analysis, _ = get_analysis_for_user(request.user, analysis_id, write=True, action=None)
    excluded = request.POST.get("excluded") == "yes"
    with transaction.atomic():
        ConversationAnalysis.objects.filter(pk=analysis.pk).update(excluded=excluded)
        audit.record(request.user, "update", analysis, client_id=analysis.contact.client_id)
    messages.success(request, "This conversation is left out of your trends." if excluded
                     else "This conversation counts in your trends again.")
    return _back(analysis)


@login_required
@require_POST
def conversation_delete(request, analysis_id):
    """Delete an analysis and its transcript; the audit log keeps that it happened."""
    analysis, _ = get_analysis_for_user(request.user, analysis_id, write=True, action=None)
    transcript_retention.delete_analysis(analysis, request.user)
    messages.success(request, "The analysis and its transcript are deleted.")
    return _back(analysis)


@login_required
@require_POST
def consent_withdrawn(request, contact_id):
    """Record that the client withdrew consent: the contact's transcripts and analyses are deleted."""
    contact, _ = get_contact_for_user(request.user, contact_id, write=True, action=None)
    deleted = transcript_retention.withdraw_consent(contact, request.user)
    messages.success(request, "Consent withdrawn is recorded" + (
        f", and this contact's {'analysis is' if deleted == 1 else f'{deleted} analyses are'} deleted." if deleted else "."))
    return _conversation_of(contact.pk)
