"""The transcript upload form: a file or pasted text, checked for size and UTF-8 before anything is stored."""

from __future__ import annotations

import codecs

from django import forms
from django.conf import settings

from alliance.errors import AllianceError

# The formats a practitioner picks from; "" lets the core recognise it.
FORMAT_CHOICES = [
    ("", "Recognise it for me"),
    ("vtt", "WebVTT (.vtt, from Zoom or Teams)"),
    ("srt", "SubRip subtitles (.srt)"),
    ("text", "Plain text, one 'Name: words' line per turn"),
    ("csv", "CSV with speaker and text columns"),
    ("json", "JSON list of utterances"),
]


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def decode_upload(data: bytes, name: str) -> str:
    """Uploaded bytes as text (UTF-8, or UTF-16 with a byte-order mark), or an AllianceError saying where it is not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise AllianceError("T001", path=name, line=line, byte=f"0x{data[exc.start]:02x}", column=column) from None


class TranscriptForm(forms.Form):
    file = forms.FileField(
        required=False, label="Transcript file",
        help_text="WebVTT, SRT, plain text, CSV or JSON, saved as UTF-8.",
    )
    text = forms.CharField(
        required=False, label="Or paste the transcript", widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One turn per line, like 'Alex: How has the week been?'",
    )
    format = forms.ChoiceField(choices=FORMAT_CHOICES, required=False, label="Format")
    practitioner_names = forms.CharField(
        required=False, max_length=200, label="Your name as it appears in the transcript",
        help_text="Separate several names with commas. Leave empty and Alliance will work out who is who, and say how.",
    )

    def clean_file(self):
        upload = self.files.get(self.add_prefix("file"))
        if upload is None:
            return None
        limit = settings.ALLIANCE_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                AllianceError("V004", name=upload.name, size=human_size(upload.size), limit=human_size(limit)).message
            )
        try:
            self.cleaned_data["file_text"] = decode_upload(upload.read(), upload.name)
        except AllianceError as exc:
            raise forms.ValidationError(exc.message) from None
        return upload

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        if len(text.encode("utf-8")) > settings.ALLIANCE_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(AllianceError(
                "V004", name="The pasted text", size=human_size(len(text.encode("utf-8"))),
                limit=human_size(settings.ALLIANCE_MAX_UPLOAD_BYTES),
            ).message)
        return text

    def clean(self):
        cleaned = super().clean()
        has_file = bool(self.files.get(self.add_prefix("file")))
        has_text = bool((cleaned.get("text") or "").strip())
        if self.errors:
            return cleaned
        if has_file and has_text:
            raise forms.ValidationError(AllianceError("V003").message)
        if not has_file and not has_text:
            raise forms.ValidationError(AllianceError("V002").message)
        return cleaned

    def transcript(self) -> tuple[str, str]:
        """(text, name shown in messages) of a valid form."""
        upload = self.cleaned_data.get("file")
        if upload:
            return self.cleaned_data["file_text"], upload.name
        return self.cleaned_data["text"], "The pasted text"

    def names(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data.get("practitioner_names", "").split(",") if n.strip()]
