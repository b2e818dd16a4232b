"""A client's whole record as one archive, for the staff who answer a subject access request."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_POST

from alliance.records.access import get_client_for_user
from alliance.records.client_data import client_archive
from alliance.records.models import Role


@login_required
@require_POST
def client_export(request, client_id):
    """The zip (client.json, checkins.csv, fhir.json): the assigned practitioner or the team's supervisor."""
    client, can_write = get_client_for_user(request.user, client_id, action=None)
    if request.user.role != Role.SUPERVISOR and not can_write:
        raise Http404("No such record.")
    archive = client_archive(client, actor=request.user, via="web")
    response = HttpResponse(archive.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive.filename}"'
    return response
