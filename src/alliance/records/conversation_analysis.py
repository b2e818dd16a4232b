"""The ``analyze_transcript`` job: run the core's analysis on an uploaded transcript and store it.

The text stays with the analysis for the agency's retention period (records.transcript_retention);
codes and metrics are always kept. Who is who follows the practitioner's choices
(``speaker_choices``); an analysis whose roles were guessed waits for the practitioner to
confirm them before it counts in trends. A transcript the core cannot read fails the
analysis with the core's own sentence, with the uploaded file's name in it, and keeps no text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from django.db import transaction
from django.utils import timezone

from alliance.errors import AllianceError
from alliance.records.models import ConversationAnalysis
from alliance.records.transcript_retention import remove_text_if_due

logger = logging.getLogger("alliance.jobs")

@cache
def shared_coder():
    """Load the shipped coder once per process; every job after the first reuses it."""
    from alliance.coding import load_coder

    return load_coder()


def analyze_text(text: str, *, practitioner_names: list[str], format: str, name: str,
            progress: Callable[[float], None] | None = None, speakers: dict[str, str] | None = None) -> dict:
    """The core's analysis of ``text`` as a dict. Raises AllianceError naming ``name`` for input it cannot read.

    ``progress(fraction)`` is called now and then while the utterances are coded.
    """
    from alliance.analysis import analyze_transcript
    from alliance.transcripts import parse

    # Bytes, never str: text that happens to look like a path must not be read as one.
    transcript = parse(text.encode("utf-8"), format=format or None, practitioner=practitioner_names or None, name=name,
                       speakers=speakers or None)
    step = max(1, len(transcript.utterances) // 10)

    def coded(done: int, total: int) -> None:
        if progress and total and (done % step == 0 or done == total):
            progress(done / total)

    return analyze_transcript(transcript, shared_coder(), progress=coded).to_dict()


def analyze_transcript(job) -> None:
    analysis = ConversationAnalysis.objects.filter(pk=job.payload["analysis_id"]).first()
    if analysis is None:
        return  # deleted while it waited: nothing to do
    ConversationAnalysis.objects.filter(pk=analysis.pk).update(status=ConversationAnalysis.Status.RUNNING, progress=0.1)
    def progress(fraction: float) -> None:
        ConversationAnalysis.objects.filter(pk=analysis.pk).update(progress=0.1 + 0.85 * fraction)

    try:
        data = analyze_text(analysis.source_text, practitioner_names=analysis.practitioner_names, format=analysis.format,
                       name=analysis.original_name or "The pasted text", progress=progress,
                       speakers=analysis.speaker_choices)
    except AllianceError as exc:
        logger.info("analysis unreadable id=%s code=%s", analysis.pk, exc.code)
        _finish(analysis, status=ConversationAnalysis.Status.FAILED, error=str(exc), source_text="", text_discarded=True)
        return
    # Who is who needs the practitioner's word unless they gave it or the file said it plainly.
    confirmed = bool(analysis.speaker_choices) or not data.get("role_note")
    _finish(
        analysis,
        status=ConversationAnalysis.Status.DONE,
        result=data,
        metrics=data.get("metrics"),
        pipeline=data.get("pipeline"),
        roles_confirmed=confirmed,
        error="",
    )
    remove_text_if_due(analysis)  # an agency that keeps no text: gone as soon as who is who is known
    logger.info("analysis done id=%s utterances=%s confirmed=%s", analysis.pk, len(data.get("utterances", [])), confirmed)


def on_failure(job, error: str) -> None:
    analysis_id = job.payload.get("analysis_id")
    analysis = ConversationAnalysis.objects.filter(pk=analysis_id).first() if analysis_id else None
    if analysis is not None:
        _finish(analysis, status=ConversationAnalysis.Status.FAILED, error=error, source_text="", text_discarded=True)


def _finish(analysis: ConversationAnalysis, **fields) -> None:
    with transaction.atomic():
        ConversationAnalysis.objects.filter(pk=analysis.pk).update(progress=1.0, finished_at=timezone.now(), **fields)

