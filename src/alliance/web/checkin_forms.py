"""The practitioner's form for a new check-in link."""

from __future__ import annotations

from django import forms
from django.conf import settings

from alliance import measures
from alliance.records.models import AgencySettings, Contact


class CheckinLinkForm(forms.Form):
    instruments = forms.MultipleChoiceField(
        label="What to ask", widget=forms.CheckboxSelectMultiple,
        help_text="The relationship check-in takes about a minute; PHQ-9 and GAD-7 a few minutes each.",
    )
    contact = forms.ModelChoiceField(
        label="After which contact (optional)", queryset=Contact.objects.none(), required=False,
        empty_label="Not tied to a contact",
    )
    language = forms.ChoiceField(label="Language", choices=settings.LANGUAGES)
    days = forms.IntegerField(label="Link works for (days)", min_value=1, max_value=90)

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instruments"].choices = [(i.id, i.name) for i in measures.list_instruments()]
        self.fields["contact"].queryset = client.contacts.exclude(attendance=Contact.Attendance.PLANNED).order_by("-starts_at")
        self.fields["contact"].label_from_instance = lambda c: c.starts_at.strftime("%-d %b %Y, %H:%M")
        self.initial.setdefault("instruments", ["relationship-checkin"])
        self.initial.setdefault("language", client.preferred_language)
        self.initial.setdefault("days", AgencySettings.current().checkin_link_days)

    def clean(self):
        data = super().clean()
        language = data.get("language")
        # The relationship check-in is about today's session, so the client answers it first.
        chosen = data.get("instruments") or []
        data["instruments"] = sorted(chosen, key=lambda i: measures.get_instrument(i).kind != "alliance")
        for instrument_id in data["instruments"]:
            instrument = measures.get_instrument(instrument_id)
            if language and language not in instrument.languages:
                self.add_error("instruments", f"{instrument.name} has no wording in that language yet.")
        return data
