"""Analysed conversations for the conversation tests: the real parser and the shipped coder, through the real worker."""

from __future__ import annotations

from alliance.records import jobs
from alliance.records.demo_conversations import PRACTITIONER_NAMES, session_text
from alliance.records.models import ConversationAnalysis

WARM = "sleep_and_work_warm.txt"
QUESTIONS = "rent_arrears_questions.txt"
# A family session: the practitioner's name spelt two ways, the client, and her sister (who is who).
FAMILY = """Dana R: Thanks for coming in, both of you. How has the week been since we last met?
Sam: Honestly it has been hard. I keep thinking I should call my mum but I never do it.
DANA: So part of you wants to reach out to her, and part of you keeps putting it off.
Sam: Yes. I want to fix things with her before her birthday, I really do.
Lee: She talks about it every night, she really does want to.
Dana R: It sounds like this matters a great deal to you. What would a first small step look like?
Sam: Maybe a text message. I could send a text on Sunday morning.
DANA: A text on Sunday feels doable to you.
"""


def analyzed(contact, session: str = WARM, *, text: str | None = None, name: str | None = None) -> ConversationAnalysis:
    """Queue one transcript for ``contact`` the way the upload view does, run the worker once, return the analysis."""
    analysis = ConversationAnalysis.objects.create(
        contact=contact, original_name=name or session, practitioner_names=PRACTITIONER_NAMES,
        source_text=session_text(session) if text is None else text, created_by=contact.practitioner,
    )
    job = jobs.enqueue("analyze_transcript", {"analysis_id": str(analysis.pk)})
    # Run this job only: other tests' data (the demo) may have left jobs of their own in the queue.
    jobs.run_job(job)
    analysis.refresh_from_db()
    return analysis
