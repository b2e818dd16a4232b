from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from alliance.records.access import get_contact_for_user
from alliance.records.models import Reflection
from alliance.web import sections
from alliance.web.forms import ReflectionForm
from alliance.web.views.form_pages import save_or_show, save_with


@login_required
def reflection_edit(request, contact_id):
    """The practitioner's own reflection on a contact. Private unless they share it with their supervisor."""
    contact, _ = get_contact_for_user(request.user, contact_id, write=True, action=None)
    reflection = Reflection.objects.filter(contact=contact, author=request.user).first()

    def evidence() -> dict:
        found = {}
        for evidence_of in sections.REFLECTION_EVIDENCE:
            found.update(evidence_of(contact))
        return {"contact": contact, "client": contact.client, "evidence": found}

    return save_or_show(
        request, ReflectionForm(request.POST or None, instance=reflection), client_id=contact.client_id,
        save=save_with(contact=contact, author=request.user),
        viewed=contact,  # the form shows the contact and its evidence, even before a reflection exists
        message="Reflection saved. It stays private unless you chose to share it.",
        done=lambda saved: redirect("contact_detail", contact_id=contact.pk),
        page={}, template="alliance/reflection_form.html", extra=evidence,
    )
