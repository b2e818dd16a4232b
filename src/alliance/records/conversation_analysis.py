"""The ``analyse_transcript`` job: run the core's analysis on an uploaded transcript and store it.

The transcript text is analysed once, then kept or emptied as the agency chose
(``AgencySettings.keep_transcript_text``); codes and metrics are always kept. A
transcript the core cannot read fails the analysis with the core's own sentence, with
the uploaded file's name in it, so the practitioner can fix the file and try again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from django.db import transaction
from django.utils import timezone

from alliance.errors import AllianceError
from alliance.records.models import AgencySettings, ConversationAnalysis

logger = logging.getLogger("alliance.jobs")

# Keys in feedback items that can carry words from the transcript.
_QUOTE_KEYS = frozenset({"text", "quote", "quotes", "excerpt", "excerpts", "example", "examples"})


@cache
def shared_coder():
    """Load the shipped coder once per process; every job after the first reuses it."""
    from alliance.coding import load_coder

    return load_coder()


def analyse(text: str, *, practitioner_names: list[str], format: str, name: str,
            progress: Callable[[float], None] | None = None) -> dict:
    """The core's analysis of ``text`` as a dict. Raises AllianceError naming ``name`` for input it cannot read.

    ``progress(fraction)`` is called now and then while the utterances are coded.
    """
    from alliance.analysis import analyze_transcript
    from alliance.transcripts import parse

    # Bytes, never str: text that happens to look like a path must not be read as one.
    transcript = parse(text.encode("utf-8"), format=format or None, practitioner=practitioner_names or None, name=name)
    step = max(1, len(transcript.utterances) // 10)

    def coded(done: int, total: int) -> None:
        if progress and total and (done % step == 0 or done == total):
            progress(done / total)

    return analyze_transcript(transcript, shared_coder(), progress=coded).to_dict()


def without_text(data: dict) -> dict:
    """The analysis with every utterance's words and every feedback quote removed; codes and metrics stay."""
    stripped = dict(data)
    stripped["utterances"] = [{k: v for k, v in u.items() if k != "text"} for u in data.get("utterances", [])]
    stripped["feedback"] = [_without_quotes(item) for item in data.get("feedback", [])]
    return stripped


def _without_quotes(item: dict) -> dict:
    """A feedback item whose message no longer quotes the transcript (the quote becomes '…')."""
    message = item.get("message", "")
    for quoted in sorted((q for q in item.get("quotes", []) if isinstance(q, str) and q), key=len, reverse=True):
        message = message.replace(quoted, "…")
    return {**_strip_quotes(item), "message": message}


def _strip_quotes(value):
    if isinstance(value, dict):
        return {k: _strip_quotes(v) for k, v in value.items() if k not in _QUOTE_KEYS}
    if isinstance(value, list):
        return [_strip_quotes(v) for v in value]
    return value


def analyse_transcript(job) -> None:
    analysis = ConversationAnalysis.objects.filter(pk=job.payload["analysis_id"]).first()
    if analysis is None:
        return  # deleted while it waited: nothing to do
    ConversationAnalysis.objects.filter(pk=analysis.pk).update(status=ConversationAnalysis.Status.RUNNING, progress=0.1)
    def progress(fraction: float) -> None:
        ConversationAnalysis.objects.filter(pk=analysis.pk).update(progress=0.1 + 0.85 * fraction)

    try:
        data = analyse(analysis.source_text, practitioner_names=analysis.practitioner_names, format=analysis.format,
                       name=analysis.original_name or "The pasted text", progress=progress)
    except AllianceError as exc:
        logger.info("analysis unreadable id=%s code=%s", analysis.pk, exc.code)
        _finish(analysis, status=ConversationAnalysis.Status.FAILED, error=str(exc))
        return
    keep = AgencySettings.current().keep_transcript_text
    stored = data if keep else without_text(data)
    _finish(
        analysis,
        status=ConversationAnalysis.Status.DONE,
        result=stored,
        metrics=data.get("metrics"),
        pipeline=data.get("pipeline"),
        source_text=analysis.source_text if keep else "",
        text_discarded=not keep,
        error="",
    )
    logger.info("analysis done id=%s utterances=%s kept_text=%s", analysis.pk, len(data.get("utterances", [])), keep)


def on_failure(job, error: str) -> None:
    analysis_id = job.payload.get("analysis_id")
    analysis = ConversationAnalysis.objects.filter(pk=analysis_id).first() if analysis_id else None
    if analysis is not None:
        _finish(analysis, status=ConversationAnalysis.Status.FAILED, error=error)


def _finish(analysis: ConversationAnalysis, **fields) -> None:
    with transaction.atomic():
        ConversationAnalysis.objects.filter(pk=analysis.pk).update(progress=1.0, finished_at=timezone.now(), **fields)

