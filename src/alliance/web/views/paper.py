"""PDFs for supervision and case review (alliance.web.paper). Reading a record to print it is an audited export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.records import audit
from alliance.records.access import get_analysis_for_user, get_client_for_user
from alliance.records.models import ConversationAnalysis
from alliance.web import paper
from alliance.web.pages.client_page import client_page_context


def _no_pdf(request) -> HttpResponse:
    return render(request, "alliance/paper/unavailable.html", status=503)


def _pdf(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_GET
def client_summary_pdf(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, action=None)
    if not paper.pdf_available():
        return _no_pdf(request)
    context = client_page_context(request, client, can_write=False)  # paper offers no buttons
    context.update(paper.page_header(
        f"Case review: {client.display_name}", client.practitioner.display_name, request.user.display_name,
    ))
    context["recent_contacts"] = context["contacts"][:12]
    body = paper.render_pdf("alliance/paper/client_summary.html", context, request)
    audit.record(request.user, "export", client, client_id=client.pk, via="web")
    return _pdf(body, f"case-review-{client.pk}.pdf")


@login_required
@require_GET
def analysis_pdf(request, analysis_id):
    analysis, _ = get_analysis_for_user(request.user, analysis_id, action=None)
    if analysis.status != ConversationAnalysis.Status.DONE or not analysis.result:
        raise Http404("This conversation has not been analysed yet.")
    if not paper.pdf_available():
        return _no_pdf(request)
    contact = analysis.contact
    context = {
        "contact": contact, "client": contact.client, "can_write": False, "conversation_can_upload": False,
        "conversation": paper.analysis_view(analysis),
    }
    context.update(paper.page_header(
        f"Session analysis: {contact.client.display_name}, {timezone.localtime(contact.starts_at):%-d %b %Y}",
        contact.practitioner.display_name, request.user.display_name,
    ))
    body = paper.render_pdf("alliance/paper/analysis.html", context, request)
    audit.record(request.user, "export", analysis, client_id=contact.client_id, via="web")
    return _pdf(body, f"session-analysis-{analysis.pk}.pdf")
