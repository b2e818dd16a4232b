"""The drill bank: client statements to respond to, each with context, a task and one recorded reply.

Drills come from two places: AnnoMI's expert-coded demonstration sessions (built by
``scripts/build_drills.py`` with ``drills_from_transcripts`` and shipped as drills.json)
and scenarios the team wrote for what the recordings lack (ruptures, cultural humility,
dependency and autonomy, boundaries; ``written_drills.json``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from alliance.errors import AllianceError
from alliance.practice.tasks import TASKS

HERE = Path(__file__).parent
ANNOMI_LICENCE = (
    "AnnoMI (Wu et al., ICASSP 2022; Future Internet 2023), transcripts of public demonstration videos; "
    "released by its authors as public domain (see ../shared/data/annomi/SOURCE.md)."
)
TEAM_LICENCE = "Written by the Alliance team for the practice room; same licence as Alliance."
MIN_WORDS, MAX_WORDS = 8, 70  # a client statement long enough to respond to, short enough to read
MAX_PREVIOUS_WORDS = 60


@dataclass(frozen=True)
class Drill:
    id: str
    task: str
    client: str  # the client statement to respond to
    previous: str = ""  # the practitioner's turn just before it ("" when none)
    reply: str = ""  # how the recorded (or written) practitioner answered: one possible way
    reply_codes: dict = field(default_factory=dict)  # the expert codes of ``reply`` (AnnoMI's terms)
    topic: str = ""
    source: str = ""  # e.g. "AnnoMI transcript 12, utterance 40" or "team"
    licence: str = ""

    @property
    def prompt(self) -> str:
        return TASKS[self.task].prompt

    def to_dict(self) -> dict:
        return asdict(self)


def _task_for(reply, client) -> str | None:
    """The drill task that the expert's reply models, or None when it models none of ours."""
    gold = reply.metadata.get("gold")
    if gold is None:
        return None
    if gold.behaviour == "reflection":
        if client.metadata.get("gold") is not None and client.metadata["gold"].client_talk == "sustain":
            return "sustain_talk"
        return "complex_reflection" if gold.reflection == "complex" else "reflect"
    if gold.behaviour == "question" and gold.question == "open":
        return "open_question"
    return None


def _codes_dict(gold) -> dict:
    return {k: v for k, v in {
        "behaviour": gold.behaviour, "question": gold.question, "reflection": gold.reflection, "input": gold.input,
    }.items() if v is not None}


def drills_from_transcripts(transcripts, *, per_task: int | None = None, prefix: str = "annomi", topics: dict | None = None,
                            high_quality_only: bool = True) -> list[Drill]:
    """Drills from AnnoMI transcripts (with expert codes in ``metadata['gold']``), deterministic order.

    A drill is a client statement of a readable length, the practitioner's turn before it,
    and the practitioner's reply after it when the experts coded that reply as one of our
    tasks. ``per_task`` keeps at most that many per task, spread over the transcripts.
    """
    by_task: dict[str, list[Drill]] = {}
    for t in transcripts:
        if high_quality_only and t.metadata.get("mi_quality", "high") != "high":
            continue
        us = t.utterances
        tid = t.metadata.get("transcript_id", t.source)
        for i in range(1, len(us) - 1):
            prev, client, reply = us[i - 1], us[i], us[i + 1]
            if client.role != "client" or reply.role != "practitioner" or prev.role != "practitioner":
                continue
            if not MIN_WORDS <= client.words <= MAX_WORDS or prev.words > MAX_PREVIOUS_WORDS or reply.words > MAX_WORDS:
                continue
            task = _task_for(reply, client)
            if task is None:
                continue
            uid = reply.metadata.get("utterance_id", reply.index)
            by_task.setdefault(task, []).append(Drill(
                id=f"{prefix}-{tid}-{uid}", task=task, client=client.text, previous=prev.text, reply=reply.text,
                reply_codes=_codes_dict(reply.metadata["gold"]), topic=(topics or {}).get(str(tid), ""),
                source=f"AnnoMI transcript {tid}, utterance {uid}", licence=ANNOMI_LICENCE,
            ))
    out: list[Drill] = []
    for task in TASKS:
        items = by_task.get(task, [])
        if per_task is not None and len(items) > per_task:
            items = _spread(items, per_task)
        out.extend(items)
    return out


def _spread(items: list[Drill], n: int) -> list[Drill]:
    """``n`` items taken evenly through the list (so no single session dominates)."""
    step = len(items) / n
    return [items[int(k * step)] for k in range(n)]


def _read(name: str) -> list[Drill]:
    path = HERE / name
    if not path.is_file():
        return []
    return [Drill(**item) for item in json.loads(path.read_text(encoding="utf-8"))["drills"]]


@lru_cache(maxsize=1)
def _bank() -> tuple[Drill, ...]:
    return tuple(_read("drills.json") + _read("written_drills.json"))


def load_drills() -> list[Drill]:
    """Every drill shipped with Alliance: recorded ones first, then the team's scenarios."""
    return list(_bank())


def get_drill(drill_id: str) -> Drill:
    for drill in _bank():
        if drill.id == drill_id:
            return drill
    raise AllianceError("L002", drill_id=drill_id)
