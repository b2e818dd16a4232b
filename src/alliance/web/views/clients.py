from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from alliance.records import audit
from alliance.records.access import get_client_for_user, reflections_visible_to
from alliance.records.models import AuditEntry, CulturalProfile, Role
from alliance.web.forms import ClientForm, CulturalProfileForm
from alliance.web.client_page import client_page_context


@login_required
def client_detail(request, client_id):
    client, can_write = get_client_for_user(request.user, client_id)
    context = client_page_context(request, client, can_write)
    return render(request, "alliance/client_detail.html", context)


@login_required
def client_create(request):
    if request.user.role != Role.PRACTITIONER or not request.user.team_id:
        raise PermissionDenied("Only practitioners on a team add clients to their caseload.")
    form = ClientForm(request.POST or None, initial={"opened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            client = form.save(commit=False)
            client.practitioner = request.user
            client.team_id = request.user.team_id
            client.save()
            audit.record(request.user, "create", client, client_id=client.pk)
        messages.success(request, "Client added to your caseload.")
        return redirect("client_detail", client_id=client.pk)
    return render(request, "alliance/form_page.html", {"form": form, "title": "Add a client", "cancel_url": "/"})


@login_required
def client_edit(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request.user, "update", client, client_id=client.pk)
        messages.success(request, "Saved.")
        return redirect("client_detail", client_id=client.pk)
    if request.method == "GET":
        audit.record(request.user, "view", client, client_id=client.pk)
    return render(request, "alliance/form_page.html", {
        "form": form, "title": f"Edit {client.display_name}", "cancel_url": f"/clients/{client.pk}/",
    })


@login_required
def profile_edit(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    # Opening the form must not create an empty profile (the client page would then say it was written).
    profile = CulturalProfile.objects.filter(client=client).first() or CulturalProfile(client=client)
    form = CulturalProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.updated_by = request.user
            saved.save()
            audit.record(request.user, "update", saved, record_id=client.pk, client_id=client.pk)
        messages.success(request, "Cultural-context profile saved.")
        return redirect("client_detail", client_id=client.pk)
    if request.method == "GET":
        audit.record(request.user, "view", profile, record_id=client.pk, client_id=client.pk)
    return render(request, "alliance/form_page.html", {
        "form": form,
        "title": f"What {client.first_name} wants me to know",
        "intro": "Written with the client, in their words. There are no right answers; leave anything they'd rather not share.",
        "cancel_url": f"/clients/{client.pk}/",
    })


@login_required
def access_history(request, client_id):
    """Who looked at or changed this client's record: supervisors (and the assigned practitioner)."""
    client, can_write = get_client_for_user(request.user, client_id)
    if request.user.role != Role.SUPERVISOR and not can_write:
        raise Http404("No such record.")
    entries = AuditEntry.objects.filter(client_id=client.pk).select_related("actor")[:500]
    return render(request, "alliance/access_history.html", {"client": client, "entries": entries})


__all__ = ["client_detail", "client_create", "client_edit", "profile_edit", "access_history", "reflections_visible_to"]
