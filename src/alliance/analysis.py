"""``analyze()``: one session transcript through the whole pipeline, into one ``Analysis``.

The pipeline (docs/architecture.md) is four named, versioned stages over one container; each
declares what it reads and what it adds, and ``Analysis.pipeline`` records them with
the model artifact's hash so a stored result can be reproduced and explained:

    alliance.transcripts.v1  reads source                      adds transcript
    alliance.coder.v3        reads transcript                  adds codes
    alliance.metrics.v1      reads transcript, codes           adds metrics, miti_context
    alliance.feedback.v2     reads transcript, codes, metrics  adds feedback, journal_prompts

The JSON (``Analysis.to_dict()``) is documented in docs/analysis.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from alliance import feedback as feedback_stage
from alliance import metrics as metrics_stage
from alliance.coding.codes import JSON_FIELDS, Codes
from alliance.feedback import JournalPrompt, Observation, give_feedback
from alliance.metrics import MitiContext, SessionMetrics, miti_context, session_metrics
from alliance.transcripts.model import Transcript

PARSE_STAGE = "alliance.transcripts.v1"
CODER_STAGE = "alliance.coder.v3"

Progress = Callable[[int, int], None]  # (utterances coded so far, total)


@dataclass(frozen=True)
class Stage:
    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]

    @property
    def version(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    def to_dict(self) -> dict:
        return {"name": self.name, "version": self.version, "reads": list(self.reads), "adds": list(self.adds)}


STAGES = (
    Stage(PARSE_STAGE, ("source",), ("transcript",)),
    Stage(CODER_STAGE, ("transcript",), ("codes",)),
    Stage(metrics_stage.STAGE, metrics_stage.READS, metrics_stage.ADDS),
    Stage(feedback_stage.STAGE, feedback_stage.READS, feedback_stage.ADDS),
)

# Which code fields apply to whom; the rest are set to None so the JSON is null where not applicable.
_PRACTITIONER_FIELDS = ("behaviour", "question", "reflection", "input", "advice_without_permission", "affirmation")
_CLIENT_FIELDS = ("client_talk",)
# Plain reads of the JSON fields (the probabilities stay in the core; docs/analysis.md).
_CODE_FIELDS = JSON_FIELDS


@dataclass
class Analysis:
    transcript: Transcript
    codes: list[Codes]
    metrics: SessionMetrics
    feedback: list[Observation]
    journal_prompts: list[JournalPrompt]
    miti_context: MitiContext
    pipeline: dict
    role_note: str = ""
    role_guess: dict | None = None  # how the practitioner was found when the transcript did not say
    coding_note: str = ""  # what the text means for the codes (e.g. captions without punctuation)

    def to_dict(self, *, text: bool = True) -> dict:
        """The documented JSON (docs/analysis.md); with ``text=False``, no word of the transcript (``without_text``)."""
        data = {
            "utterances": [
                {
                    "index": u.index, "speaker": u.speaker, "role": u.role, "text": u.text,
                    "start": u.start, "end": u.end, "codes": {f: getattr(c, f) for f in _CODE_FIELDS},
                }
                for u, c in zip(self.transcript.utterances, self.codes)
            ],
            "metrics": self.metrics.to_dict(),
            "feedback": [o.to_dict() for o in self.feedback],
            "pipeline": self.pipeline,
            "role_note": self.role_note,
            "role_guess": self.role_guess,
            "coding_note": self.coding_note,
            "miti_context": self.miti_context.to_dict(),
            "journal_prompts": [p.to_dict() for p in self.journal_prompts],
        }
        return data if text else without_text(data)

    def to_markdown(self) -> str:
        from alliance.report.markdown import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        from alliance.report.html import render_html

        return render_html(self)


def analyze(source, practitioner=None, format=None, coder=None, progress: Progress | None = None,
            speakers: dict[str, str] | None = None) -> Analysis:
    """Parse, code, measure and give feedback on one session.

    ``source``: a path, the transcript's text, or its bytes. ``practitioner``: the
    practitioner's speaker name(s); without it roles are guessed (see ``role_note``).
    ``speakers``: who is who as chosen, ``{label: practitioner|client|other|another label}``.
    ``coder``: anything with ``code(transcript, progress=None) -> list[Codes]``,
    ``name`` and ``artifact_hash``; the shipped coder by default.
    ``progress(done, total)`` is called as utterances are coded.
    """
    from alliance.transcripts import parse

    transcript = parse(source, format=format, practitioner=practitioner, speakers=speakers)
    if coder is None:
        from alliance.coding import load_coder

        coder = load_coder()
    return analyze_transcript(transcript, coder, progress=progress)


def settle_roles(transcript: Transcript, coder) -> tuple[Transcript, dict | None]:
    """Where the transcript did not say who is who, let the coder judge it (alliance.coding.roles)."""
    if not transcript.roles_guessed or not hasattr(coder, "predict_distributions"):
        return transcript, None
    from alliance.coding.roles import apply_guess, guess_practitioner

    guess = guess_practitioner(coder, transcript)
    if guess is None:
        return transcript, None
    return apply_guess(transcript, guess), guess.to_dict()


def analyze_transcript(transcript: Transcript, coder, progress: Progress | None = None) -> Analysis:
    """The stages after parsing, for a transcript already in hand (batch jobs, tests, benchmarks)."""
    from alliance.report.labels import coding_note

    transcript, role_guess = settle_roles(transcript, coder)
    # The shipped coder picks a variant by how the text is written; a coder without variants has none.
    variant = coder.variant_for(transcript) if hasattr(coder, "variant_for") else None
    coded = coder.code(transcript, progress=_done_of_total(progress) if progress else None)
    codes = [fit_to_role(c, u.role) for u, c in zip(transcript.utterances, coded)]
    metrics = session_metrics(transcript, codes)
    fb = give_feedback(transcript, codes, metrics)
    return Analysis(
        transcript=transcript,
        codes=codes,
        metrics=metrics,
        feedback=fb.observations,
        journal_prompts=fb.journal_prompts,
        miti_context=miti_context(metrics),
        pipeline=pipeline_record(coder, variant),
        role_note=transcript.role_note,
        role_guess=role_guess,
        coding_note=coding_note(variant),
    )


def _done_of_total(progress: Progress):
    """Coders may report ``(done, total)`` or ``(stage, done, total)``; we pass on ``(done, total)``."""

    def report(*args) -> None:
        progress(args[-2], args[-1])

    return report


def fit_to_role(codes: Codes, role: str) -> Codes:
    """Practitioner codes only on practitioner turns and client talk only on client turns."""
    keep = _PRACTITIONER_FIELDS if role == "practitioner" else _CLIENT_FIELDS if role == "client" else ()
    cleared = {f: None for f in _PRACTITIONER_FIELDS + _CLIENT_FIELDS if f not in keep}
    if role not in ("practitioner", "client"):
        cleared["confidence"] = None
        cleared["probabilities"] = None
    return replace(codes, **cleared)


def pipeline_record(coder, variant: str | None = None) -> dict:
    """Stage names and versions, and the model (and its variant, where it has them) that coded the utterances."""
    from alliance import __version__

    name = getattr(coder, "name", type(coder).__name__)
    # A coder named like a stage ("alliance.coder.v2") names its own stage and version.
    stages = [
        replace(s, name=name) if s.name == CODER_STAGE and name.startswith("alliance.coder.v") else s
        for s in STAGES
    ]
    return {
        "alliance_version": __version__,
        "stages": [s.to_dict() for s in stages],
        "model": {
            "name": name,
            "artifact_hash": getattr(coder, "artifact_hash", None),
        } | ({"variant": variant} if variant else {}),
    }


# Keys in feedback items that can carry words from the transcript.
_QUOTE_KEYS = frozenset({"text", "quote", "quotes", "excerpt", "excerpts", "example", "examples"})


def without_text(data: dict) -> dict:
    """An analysis dict with no words and no names from the transcript; codes, metrics and evidence stay.

    Every utterance's text and every feedback quote goes (a quote inside a feedback message becomes
    '…'); speaker labels, often first names, become their roles ("Client", "Other person 2"), and the
    role note and guess that name them go too. Used for stored analyses whose transcript text is no
    longer kept (docs/conversations.md, "Keeping and removing").
    """
    utterances = data.get("utterances", [])
    names = role_names(utterances)
    stripped = dict(data)
    stripped["utterances"] = [
        {**{k: v for k, v in u.items() if k != "text"}, "speaker": names.get(u.get("speaker"), u.get("speaker"))}
        for u in utterances
    ]
    stripped["feedback"] = [_without_quotes(item) for item in data.get("feedback", [])]  # messages name roles, not people
    stripped["role_note"] = ""
    stripped["role_guess"] = None
    return stripped


_ROLE_NAMES = {"practitioner": "Practitioner", "client": "Client", "other": "Other person"}


def role_names(utterances: list[dict]) -> dict[str, str]:
    """Each speaker label -> its role as a name, numbered when a role has several people."""
    roles: dict[str, str] = {}
    for u in utterances:
        roles.setdefault(u.get("speaker"), u.get("role") or "other")
    seen: dict[str, int] = {}
    names = {}
    for label, role in roles.items():
        seen[role] = seen.get(role, 0) + 1
        base = _ROLE_NAMES.get(role, "Other person")
        names[label] = base if seen[role] == 1 else f"{base} {seen[role]}"
    return names


def _without_quotes(item: dict) -> dict:
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
