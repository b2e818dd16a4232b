"""Analysed conversations for the conversation tests: the real parser and the shipped coder, through the real worker."""

from __future__ import annotations

from alliance.records import jobs
from alliance.records.demo_conversations import PRACTITIONER_NAMES, session_text
from alliance.records.models import ConversationAnalysis

WARM = "sleep_and_work_warm.txt"
QUESTIONS = "rent_arrears_questions.txt"


def analysed(contact, session: str = WARM, *, text: str | None = None, name: str | None = None) -> ConversationAnalysis:
    """Queue one transcript for ``contact`` the way the upload view does, run the worker once, return the analysis."""
    analysis = ConversationAnalysis.objects.create(
        contact=contact, original_name=name or session, practitioner_names=PRACTITIONER_NAMES,
        source_text=session_text(session) if text is None else text, created_by=contact.practitioner,
    )
    job = jobs.enqueue("analyse_transcript", {"analysis_id": str(analysis.pk)})
    # Run this job only: other tests' data (the demo) may have left jobs of their own in the queue.
    jobs.run_job(job)
    analysis.refresh_from_db()
    return analysis
