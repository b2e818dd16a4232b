"""Typed view of an instrument data file. Built by ``instruments.load_instrument``; never edited in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Option:
    value: int
    text: dict[str, str]


@dataclass(frozen=True)
class Item:
    id: str
    text: dict[str, str]


@dataclass(frozen=True)
class UnscoredItem:
    id: str
    text: dict[str, str]
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Band:
    id: str
    min: float
    max: float
    label: dict[str, str]


@dataclass(frozen=True)
class CriticalItem:
    item: int  # 1-based position
    above: int
    reason: str


@dataclass(frozen=True)
class Licence:
    holder: str
    permitted_use: str
    use_permitted: bool
    electronic_use_permitted: bool
    modification_allowed: bool
    translation_allowed: bool
    copyright_line: dict[str, str]
    refusal_reason: str = ""

    @property
    def permits_use(self) -> bool:
        # Alliance shows instruments on screens, so electronic use is the use that matters.
        return self.use_permitted and self.electronic_use_permitted

    def to_dict(self) -> dict[str, Any]:
        return {
            "holder": self.holder,
            "permitted_use": self.permitted_use,
            "use_permitted": self.use_permitted,
            "electronic_use_permitted": self.electronic_use_permitted,
            "modification_allowed": self.modification_allowed,
            "translation_allowed": self.translation_allowed,
            "copyright_line": dict(self.copyright_line),
        }


@dataclass(frozen=True)
class InstrumentText:
    """Everything a person sees for one instrument in one language."""

    language: str
    title: str
    instructions: str
    items: tuple[str, ...]
    options: tuple[tuple[int, str], ...]
    unscored_items: tuple[dict[str, Any], ...]
    notice: str
    copyright_line: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "title": self.title,
            "instructions": self.instructions,
            "items": list(self.items),
            "options": [{"value": v, "text": t} for v, t in self.options],
            "unscored_items": [dict(u) for u in self.unscored_items],
            "notice": self.notice,
            "copyright_line": self.copyright_line,
        }


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    kind: str  # "outcome" | "alliance" | "licensed" | ...
    validated: bool
    title: dict[str, str]
    languages: tuple[str, ...]
    instructions: dict[str, str]
    items: tuple[Item, ...]
    options: tuple[Option, ...]
    unscored_items: tuple[UnscoredItem, ...]
    licence: Licence
    loinc: dict[str, str]
    scoring_method: str  # "sum" | "mean"
    higher_is: str  # "worse" | "better"
    max_missing: int
    bands: tuple[Band, ...]
    caseness_at_or_above: float | None
    critical_items: tuple[CriticalItem, ...]
    reliable_change: float | None
    jacobson_truax: dict[str, Any] | None
    conversation_threshold: dict[str, Any] | None
    notice: dict[str, str]
    sources: dict[str, str] = field(default_factory=dict)
    reliable_change_source: str = ""
    caseness_source: str = ""
    missing_rule_source: str = ""
    path: str = ""

    @property
    def min_answer(self) -> int:
        return min(o.value for o in self.options)

    @property
    def max_answer(self) -> int:
        return max(o.value for o in self.options)

    @property
    def min_total(self) -> float:
        return self.min_answer * (len(self.items) if self.scoring_method == "sum" else 1)

    @property
    def max_total(self) -> float:
        return self.max_answer * (len(self.items) if self.scoring_method == "sum" else 1)

    def band_for(self, total: float) -> Band:
        # Bands are contiguous and ordered; the last band starting at or below the total holds it.
        chosen = self.bands[0]
        for band in self.bands:
            if band.min <= total:
                chosen = band
        return chosen

    def text(self, language: str = "en") -> InstrumentText:
        from alliance.errors import MeasureError

        if language not in self.languages:
            raise MeasureError(
                "M006", name=self.name, language=language, available=", ".join(self.languages)
            )
        return InstrumentText(
            language=language,
            title=self.title[language],
            instructions=self.instructions[language],
            items=tuple(i.text[language] for i in self.items),
            options=tuple((o.value, o.text[language]) for o in self.options),
            unscored_items=tuple(
                {
                    "id": u.id,
                    "text": u.text[language],
                    "options": [{"value": o.value, "text": o.text[language]} for o in u.options],
                }
                for u in self.unscored_items
            ),
            notice=self.notice.get(language, ""),
            copyright_line=self.licence.copyright_line.get(language, ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """The summary ``alliance measures list --json`` prints."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "validated": self.validated,
            "items": len(self.items),
            "answer_range": [self.min_answer, self.max_answer],
            "scoring": self.scoring_method,
            "languages": list(self.languages),
            "loinc": dict(self.loinc),
            "licence": self.licence.to_dict(),
            "permitted": self.licence.permits_use,
        }
