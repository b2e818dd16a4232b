from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alliance.records import transcript_retention
from alliance.records.access import (
    get_client_for_user,
    get_contact_for_user,
    reflections_visible_to,
)
from alliance.records.models import Contact
from alliance.web import sections
from alliance.web.forms import ContactForm
from alliance.web.views.form_pages import save_or_show, save_with


@login_required
def contact_create(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    form = ContactForm(request.POST or None, initial={"starts_at": timezone.localtime().replace(second=0, microsecond=0)})
    return save_or_show(
        request, form, client_id=client.pk,
        save=save_with(client=client, practitioner=request.user),
        message="Contact recorded.",
        done=lambda contact: redirect("contact_detail", contact_id=contact.pk),
        page={"title": f"Record a contact with {client.display_name}", "cancel_url": reverse("client_detail", args=[client.pk])},
    )


@login_required
def contact_detail(request, contact_id):
    contact, can_write = get_contact_for_user(request.user, contact_id)
    reflections = list(reflections_visible_to(request.user, contact.reflections.all()))
    context = {
        "contact": contact,
        "client": contact.client,
        "can_write": can_write,
        "reflections": reflections,
        "my_reflection": next((r for r in reflections if r.author_id == request.user.pk), None),
    }
    for section in sections.CONTACT_SECTIONS:
        context.update(section.context(request, contact, can_write))
    context["contact_sections"] = [section.template for section in sections.CONTACT_SECTIONS]
    return render(request, "alliance/contact_detail.html", context)


@login_required
def contact_edit(request, contact_id):
    contact, _ = get_contact_for_user(request.user, contact_id, write=True, action=None)
    plain_save = save_with()

    def save(form):
        record, action = plain_save(form)
        if record.recording_consent == Contact.Consent.WITHDRAWN:
            # Withdrawn consent takes the transcripts and their analyses with it (docs/conversations.md).
            transcript_retention.withdraw_consent(record, request.user)
        return record, action

    return save_or_show(
        request, ContactForm(request.POST or None, instance=contact), client_id=contact.client_id,
        save=save, viewed=contact, message="Saved.",
        done=lambda saved: redirect("contact_detail", contact_id=saved.pk),
        page={"title": "Edit contact", "cancel_url": reverse("contact_detail", args=[contact.pk])},
    )
