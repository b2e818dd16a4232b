from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from alliance.records import audit
from alliance.records.access import get_contact_for_user
from alliance.records.models import Reflection
from alliance.web import sections
from alliance.web.forms import ReflectionForm


@login_required
def reflection_edit(request, contact_id):
    """The practitioner's own reflection on a contact. Private unless they share it with their supervisor."""
    contact, _ = get_contact_for_user(request.user, contact_id, write=True, action=None)
    reflection = Reflection.objects.filter(contact=contact, author=request.user).first()
    form = ReflectionForm(request.POST or None, instance=reflection)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.contact = contact
            saved.author = request.user
            created = saved._state.adding
            saved.save()
            audit.record(request.user, "create" if created else "update", saved, client_id=contact.client_id)
        messages.success(request, "Reflection saved. It stays private unless you chose to share it.")
        return redirect("contact_detail", contact_id=contact.pk)
    if request.method == "GET":
        audit.record(request.user, "view", contact, client_id=contact.client_id)
    evidence = {}
    for module in sections.reflection_providers():
        evidence.update(module.reflection_evidence(contact))
    return render(request, "alliance/reflection_form.html", {
        "form": form, "contact": contact, "client": contact.client, "evidence": evidence,
    })
