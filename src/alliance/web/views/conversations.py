"""Upload a transcript for a contact and follow its analysis (STYLE.md 14: enqueue, then poll a fragment)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from alliance.errors import AllianceError
from alliance.records import audit, jobs
from alliance.records.access import get_analysis_for_user, get_contact_for_user
from alliance.records.models import AgencySettings, Contact, ConversationAnalysis
from alliance.web.conversation_forms import TranscriptForm
from alliance.web.sections import conversations as section


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
            jobs.enqueue("analyse_transcript", {"analysis_id": str(analysis.pk)})
            audit.record(request.user, "create", analysis, client_id=contact.client_id)
        messages.success(request, "Thank you. The transcript is being analysed; the Conversation section below shows how it is going.")
        return redirect(f"/contacts/{contact.pk}/#conversation")
    if request.method == "GET":
        audit.record(request.user, "view", contact, client_id=contact.client_id)
    context.update(form=form, conversation_keeps_text=AgencySettings.current().keep_transcript_text)
    return render(request, "alliance/conversation_upload.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def conversation_status(request, analysis_id):
    """The Conversation section's body, polled by HTMX while the analysis waits or runs."""
    analysis, can_write = get_analysis_for_user(request.user, analysis_id, action=None)
    if not request.htmx:
        return redirect(f"/contacts/{analysis.contact_id}/#conversation")
    if analysis.status in section.FINISHED:
        # Only now does the fragment show the client's conversation; the polls before show a status.
        audit.record(request.user, "view", analysis, client_id=analysis.contact.client_id)
    context = {"contact": analysis.contact, "can_write": can_write}
    context.update(section.contact_context(request, analysis.contact, can_write))
    return render(request, f"{section.CONTACT_TEMPLATE}#conversation-body", context)
