"""The "who is who" step after an upload: each speaker found, a sample of their words, the
suggested role and how sure it is; the practitioner confirms or changes it before the
analysis counts (docs/conversations.md, "Who is who")."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from alliance.errors import ParseError
from alliance.transcripts.speaker_choices import resolve

ROLE_CHOICES = [
    ("practitioner", "The practitioner (you)"),
    ("client", "The client"),
    ("other", "Someone else (family member, interpreter…): shown, not coded"),
]
SAMPLE_CHARS = 140
SAMPLE_TURNS = 2


@dataclass(frozen=True)
class Speaker:
    label: str
    role: str
    turns: int
    words: int
    share: int  # % of all words
    samples: tuple[str, ...]


def speakers_of(result: dict) -> list[Speaker]:
    """The speakers of a stored analysis, in order of first turn, with samples while the text is kept."""
    found: dict[str, dict] = {}
    for u in result.get("utterances", []):
        label = u.get("speaker") or ""
        entry = found.setdefault(label, {"role": u.get("role", ""), "turns": 0, "words": 0, "samples": []})
        entry["turns"] += 1
        text = u.get("text")
        entry["words"] += len(text.split()) if isinstance(text, str) else 0
        if isinstance(text, str) and len(text.split()) >= 4 and len(entry["samples"]) < SAMPLE_TURNS:
            entry["samples"].append(text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…")
    total = sum(e["words"] for e in found.values()) or 1
    return [
        Speaker(label, e["role"], e["turns"], e["words"], round(100 * e["words"] / total), tuple(e["samples"]))
        for label, e in found.items()
    ]


def sureness(result: dict) -> str:
    """How the roles were found, in a sentence; '' when the file or the practitioner said."""
    guess = result.get("role_guess")
    if isinstance(guess, dict):
        if guess.get("sure"):
            return "Alliance suggested these roles from how each person speaks, and is fairly sure of them."
        return "Alliance suggested these roles from how each person speaks, but is not sure: please check them."
    if result.get("role_note"):
        return "Alliance guessed these roles; please check them."
    return ""


def page_note(analysis) -> str:
    """What the page says about who is who: the practitioner's own choices, never the CLI's hints."""
    result = analysis.result or {}
    if analysis.speaker_choices:
        return result.get("role_note") or ""
    if analysis.roles_confirmed and result.get("role_note"):
        return "You confirmed who is who as Alliance suggested."
    return ""


class SpeakersForm(forms.Form):
    """One choice per speaker: a role, or "the same person as" another speaker."""

    def __init__(self, speakers: list[Speaker], *args, can_change: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.speakers = speakers
        self.can_change = can_change
        for i, speaker in enumerate(speakers):
            merges = [(other.label, f"The same person as {other.label}") for other in speakers if other.label != speaker.label]
            field = forms.ChoiceField(choices=ROLE_CHOICES + merges, initial=speaker.role, label=speaker.label or "Unknown")
            if not can_change:
                field.disabled = True
            self.fields[f"speaker_{i}"] = field

    def rows(self):
        return [(speaker, self[f"speaker_{i}"]) for i, speaker in enumerate(self.speakers)]

    def clean(self):
        cleaned = super().clean()
        chosen = {s.label: cleaned.get(f"speaker_{i}") for i, s in enumerate(self.speakers)}
        if None in chosen.values():
            return cleaned
        try:
            _, roles = resolve(chosen, list(chosen), path="")
        except ParseError:  # the one choice a form can make wrong: two labels merged into each other
            raise forms.ValidationError("Two speakers are each marked as the same person as the other. Give one of them a role.") from None
        if "practitioner" not in roles.values():
            raise forms.ValidationError("Please mark who the practitioner is: the analysis is about their part of the conversation.")
        if "client" not in roles.values():
            raise forms.ValidationError("Please mark who the client is.")
        cleaned["choices"] = chosen
        return cleaned

    def changes_anything(self) -> bool:
        """Whether the choices differ from the roles the analysis already used."""
        choices = self.cleaned_data["choices"]
        return any(choices[s.label] != s.role for s in self.speakers)
