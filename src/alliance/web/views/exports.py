"""Exports for people allowed to read the record: a client's check-ins (CSV, FHIR R4) and a session's codes (CSV).

Each view checks access with the record's helper (404 for a stranger, and the refusal is
audited), then calls the same function as the CLI, which writes the "export" audit entry.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from alliance.records import audit, exports
from alliance.records.access import get_analysis_for_user, get_client_for_user
from alliance.records.models import ConversationAnalysis
from alliance.report.codes_csv import codes_csv


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def client_checkins_csv(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, action=None)
    body = exports.csv_export(str(client.pk), actor=request.user, via="web")
    return _download(body, "text/csv; charset=utf-8", f"checkins-{client.pk}.csv")


@login_required
@require_GET
def client_checkins_fhir(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, action=None)
    bundle = exports.fhir_export(str(client.pk), actor=request.user, via="web")
    return _download(json.dumps(bundle, indent=2, ensure_ascii=False), "application/fhir+json; charset=utf-8",
                     f"checkins-{client.pk}.fhir.json")


@login_required
@require_GET
def analysis_codes_csv(request, analysis_id):
    analysis, _ = get_analysis_for_user(request.user, analysis_id, action=None)
    if analysis.status != ConversationAnalysis.Status.DONE or not analysis.result:
        raise Http404("This conversation has not been analysed yet.")
    audit.record(request.user, "export", analysis, client_id=analysis.contact.client_id, via="web")
    return _download(codes_csv(analysis.result, str(analysis.pk)), "text/csv; charset=utf-8", f"codes-{analysis.pk}.csv")
