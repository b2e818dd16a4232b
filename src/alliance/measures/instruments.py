"""Instruments as data: load the JSON files, check them, and refuse any whose licence forbids use.

Shipped instruments live next to this module in ``instruments/``. An agency that holds a
licence for another instrument puts its JSON file in the folder named by
``ALLIANCE_INSTRUMENTS_DIR`` (see docs/measures.md, "The licensed-instrument slot").
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from alliance.errors import MeasureError
from alliance.measures.model import (
    Band,
    CriticalItem,
    Instrument,
    Item,
    Licence,
    Option,
    UnscoredItem,
)

BUILTIN_DIR = Path(__file__).with_name("instruments")
ENV_DIR = "ALLIANCE_INSTRUMENTS_DIR"


def list_instruments(include_unlicensed: bool = False) -> list[Instrument]:
    """All known instruments, ordered by id; those whose licence forbids use only on request."""
    found = _load_all(os.environ.get(ENV_DIR, ""))
    return [i for i in found.values() if include_unlicensed or i.licence.permits_use]


def get_instrument(instrument_id: str) -> Instrument:
    """The instrument with this id; MeasureError if unknown or its licence does not permit use."""
    found = _load_all(os.environ.get(ENV_DIR, ""))
    instrument = found.get(instrument_id)
    if instrument is None:
        known = ", ".join(i.id for i in found.values() if i.licence.permits_use)
        raise MeasureError("M001", instrument_id=instrument_id, known=known)
    if not instrument.licence.permits_use:
        raise MeasureError(
            "M002",
            name=instrument.name,
            instrument_id=instrument.id,
            reason=instrument.licence.refusal_reason or instrument.licence.permitted_use,
        )
    return instrument


@functools.lru_cache(maxsize=8)
def _load_all(extra_dir: str) -> dict[str, Instrument]:
    paths = sorted(BUILTIN_DIR.glob("*.json"))
    if extra_dir:
        folder = Path(extra_dir)
        if not folder.is_dir():
            raise MeasureError("M007", path=str(folder), detail=f"{ENV_DIR} is not a folder")
        paths += sorted(folder.glob("*.json"))
    found: dict[str, Instrument] = {}
    for path in paths:
        instrument = load_instrument(path)
        if instrument.id in found:
            raise MeasureError("M007", path=str(path), detail=f"the id '{instrument.id}' is already used")
        found[instrument.id] = instrument
    return dict(sorted(found.items()))


def load_instrument(path: Path | str) -> Instrument:
    """Read and check one instrument file; MeasureError M007 says what is wrong and where."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MeasureError("M007", path=str(path), detail=str(exc)) from None
    try:
        return _build(data, str(path))
    except (KeyError, TypeError, ValueError) as exc:
        detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise MeasureError("M007", path=str(path), detail=detail) from None


def _build(data: dict[str, Any], path: str) -> Instrument:
    languages = tuple(data["languages"])
    if not languages:
        raise ValueError("'languages' is empty")

    def texts(block: dict[str, str], what: str) -> dict[str, str]:
        missing = [lang for lang in languages if not block.get(lang)]
        if missing:
            raise ValueError(f"{what} has no {', '.join(missing)} wording")
        return dict(block)

    options = tuple(
        Option(int(o["value"]), texts(o["text"], f"answer option {o['value']}")) for o in data["options"]
    )
    if len(options) < 2 or len({o.value for o in options}) != len(options):
        raise ValueError("'options' needs at least two distinct values")
    items = tuple(Item(str(i["id"]), texts(i["text"], f"item {n}")) for n, i in enumerate(data["items"], 1))
    if not items:
        raise ValueError("'items' is empty")
    unscored = tuple(
        UnscoredItem(
            str(u["id"]),
            texts(u["text"], f"item {u['id']}"),
            tuple(Option(int(o["value"]), texts(o["text"], f"item {u['id']} option")) for o in u["options"]),
        )
        for u in data.get("unscored_items", [])
    )
    scoring = data["scoring"]
    if scoring["method"] not in ("sum", "mean"):
        raise ValueError(f"scoring method must be 'sum' or 'mean', not {scoring['method']!r}")
    if scoring.get("higher_is") not in ("worse", "better"):
        raise ValueError("scoring.higher_is must be 'worse' or 'better'")
    bands = tuple(
        Band(b["id"], float(b["min"]), float(b["max"]), texts(b["label"], f"band {b['id']}"))
        for b in data["bands"]
    )
    critical = tuple(
        CriticalItem(int(c["item"]), int(c["above"]), str(c.get("reason", ""))) for c in data.get("critical_items", [])
    )
    for c in critical:
        if not 1 <= c.item <= len(items):
            raise ValueError(f"critical item {c.item} is not one of the {len(items)} items")
    rc = data.get("reliable_change")
    lic = data["licence"]
    licence = Licence(
        holder=str(lic["holder"]),
        permitted_use=str(lic["permitted_use"]),
        use_permitted=bool(lic["use_permitted"]),
        electronic_use_permitted=bool(lic.get("electronic_use_permitted", False)),
        modification_allowed=bool(lic.get("modification_allowed", False)),
        translation_allowed=bool(lic.get("translation_allowed", False)),
        copyright_line=dict(lic.get("copyright_line", {})),
        refusal_reason=str(lic.get("refusal_reason", "")),
    )
    caseness = data.get("caseness")
    instrument = Instrument(
        id=str(data["id"]),
        name=str(data["name"]),
        kind=str(data["kind"]),
        validated=bool(data.get("validated", False)),
        title=texts(data["title"], "title"),
        languages=languages,
        instructions=texts(data["instructions"], "instructions"),
        items=items,
        options=options,
        unscored_items=unscored,
        licence=licence,
        loinc=dict(data.get("loinc") or {}),
        scoring_method=scoring["method"],
        higher_is=scoring["higher_is"],
        max_missing=int(data["missing"]["max_missing"]),
        bands=bands,
        caseness_at_or_above=None if not caseness else float(caseness["at_or_above"]),
        critical_items=critical,
        reliable_change=None if not rc else float(rc["value"]),
        jacobson_truax=data.get("jacobson_truax"),
        conversation_threshold=data.get("conversation_threshold"),
        notice=dict(data.get("notice") or {}),
        sources=dict(data.get("wording_sources") or {}),
        reliable_change_source="" if not rc else str(rc.get("source", "")),
        caseness_source="" if not caseness else str(caseness.get("source", "")),
        missing_rule_source=str(data["missing"].get("source", "")),
        path=path,
    )
    _check_bands(instrument)
    return instrument


def _check_bands(instrument: Instrument) -> None:
    bands = instrument.bands
    if not bands:
        raise ValueError("'bands' is empty")
    if bands[0].min != instrument.min_total or bands[-1].max != instrument.max_total:
        raise ValueError(
            f"bands must run from {instrument.min_total:g} to {instrument.max_total:g}"
        )
    for before, after in zip(bands, bands[1:]):
        if not before.min <= before.max < after.min:
            raise ValueError(f"bands '{before.id}' and '{after.id}' overlap or are out of order")
        if instrument.scoring_method == "sum" and after.min != before.max + 1:
            raise ValueError(f"there is a gap between bands '{before.id}' and '{after.id}'")
