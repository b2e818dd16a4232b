from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alliance.records.access import get_client_for_user, reflections_visible_to
from alliance.records.client_form import ClientForm
from alliance.records.models import AuditEntry, CulturalProfile, Role
from alliance.web.forms import CulturalProfileForm
from alliance.web.pages.client_page import client_page_context
from alliance.web.views.form_pages import save_or_show, save_with


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
    return save_or_show(
        request, form, client_id=lambda client: client.pk,
        save=save_with(practitioner=request.user, team_id=request.user.team_id),
        message="Client added to your caseload.",
        done=lambda client: redirect("client_detail", client_id=client.pk),
        page={"title": "Add a client", "cancel_url": "/"},
    )


@login_required
def client_edit(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    return save_or_show(
        request, ClientForm(request.POST or None, instance=client), client_id=client.pk,
        save=save_with(), viewed=client, message="Saved.",
        done=lambda saved: redirect("client_detail", client_id=client.pk),
        page={"title": f"Edit {client.display_name}", "cancel_url": reverse("client_detail", args=[client.pk])},
    )


@login_required
def profile_edit(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    # Opening the form must not create an empty profile (the client page would then say it was written).
    profile = CulturalProfile.objects.filter(client=client).first() or CulturalProfile(client=client)
    return save_or_show(
        request, CulturalProfileForm(request.POST or None, instance=profile), client_id=client.pk,
        record_id=client.pk, save=save_with("update", updated_by=request.user), viewed=profile,
        message="Cultural-context profile saved.",
        done=lambda saved: redirect("client_detail", client_id=client.pk),
        page={
            "title": f"What {client.first_name} wants me to know",
            "intro": "Written with the client, in their words. There are no right answers; leave anything they'd rather not share.",
            "cancel_url": reverse("client_detail", args=[client.pk]),
        },
    )


@login_required
def access_history(request, client_id):
    """Who looked at or changed this client's record: supervisors (and the assigned practitioner)."""
    client, can_write = get_client_for_user(request.user, client_id)
    if request.user.role != Role.SUPERVISOR and not can_write:
        raise Http404("No such record.")
    entries = AuditEntry.objects.filter(client_id=client.pk).select_related("actor")[:500]
    return render(request, "alliance/access_history.html", {"client": client, "entries": entries})


__all__ = ["client_detail", "client_create", "client_edit", "profile_edit", "access_history", "reflections_visible_to"]
