"""Supervision on paper: PDFs of a client summary (for a case review) and of one session's analysis.

The PDF is the same HTML the pages use, rendered by WeasyPrint with the paper stylesheet:
A4, every page headed with what it is, whose work it is and the date it was printed, and
numbered "Page 2 of 5" at the foot. Charts are the pages' own SVG.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from alliance.records.models import ConversationAnalysis
from alliance.web.conversation_present import (
    feedback_views,
    metric_rows,
    utterance_views,
)
from alliance.web.speaker_step import page_note

PAPER_CSS = "alliance/paper.css"
PAPER_BASE = "https://alliance.invalid/"  # relative links resolve here, and the fetcher below answers them itself


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for @page margin boxes)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return '"' + escaped + '"'


def page_header(title: str, practitioner: str, printed_by: str) -> dict:
    now = timezone.localtime()
    printed = f"Printed {now:%-d %b %Y, %H:%M} by {printed_by}"
    return {
        "paper_title": title,
        "paper_practitioner": practitioner,
        "paper_printed": printed,
        "paper_top_left": css_string(f"{title} · Practitioner: {practitioner}"),
        "paper_top_right": css_string(printed),
    }


def render_pdf(template: str, context: dict, request=None) -> bytes:
    """The template as PDF bytes. Nothing is fetched from anywhere: the paper stylesheet is read from disk."""
    import weasyprint  # imported when a PDF is asked for: it loads Pango, which pages don't need
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class NothingFetched(URLFetcher):
        """The pages' own stylesheet links get an empty sheet (paper.css is the PDF's only style); nothing else loads."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(PAPER_BASE) and url.endswith(".css"):
                return URLFetcherResponse(url, body="", headers={"Content-Type": "text/css"})
            raise ValueError("Alliance's PDFs load nothing from outside.")

    html = render_to_string(template, context, request=request)
    css = weasyprint.CSS(filename=finders.find(PAPER_CSS))
    # Tagged, so a screen reader reads headings, lists and tables in order; the <title> becomes the PDF's title.
    return weasyprint.HTML(string=html, base_url=PAPER_BASE, url_fetcher=NothingFetched()).write_pdf(
        stylesheets=[css], pdf_tags=True,
    )


def pdf_available() -> bool:
    """WeasyPrint and the Pango library it needs are installed."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def analysis_view(analysis: ConversationAnalysis) -> dict:
    """What the contact page's Conversation section shows for this analysis (the same presenter)."""
    from alliance.web.sections.conversations import _caveat

    result = analysis.result or {}
    return {
        "analysis": analysis,
        "waiting": False,
        "utterances": utterance_views(result),
        "metrics": metric_rows(analysis.metrics or result.get("metrics")),
        "miti_caveat": _caveat(result),
        "feedback": feedback_views(result),
        "role_note": page_note(analysis) if analysis.roles_confirmed else "Who is who is not confirmed yet.",
        "coding_note": result.get("coding_note") or "",
    }
