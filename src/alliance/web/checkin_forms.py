"""The practitioner's form for a new check-in link."""

from __future__ import annotations

from django import forms
from django.conf import settings

from alliance import measures
from alliance.records.models import AgencySettings, AlertNote, Contact


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


class AlertFollowUpForm(forms.Form):
    """Closing an alert: what was done, and a short note (both required for an urgent alert)."""

    action = forms.ChoiceField(label="What did you do?", choices=AlertNote.Action.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="A short note", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text="What happened, and anything a colleague would need to know. Kept on the client's timeline.",
    )

    def __init__(self, *args, urgent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = urgent


class CheckinScheduleForm(forms.Form):
    mode = forms.ChoiceField(
        label="When", widget=forms.RadioSelect,
        choices=[("off", "No schedule: I make links myself"), ("after_contact", "After each attended contact"),
                 ("every_days", "Every few days")],
    )
    every_days = forms.IntegerField(label="Every how many days", min_value=1, max_value=90, initial=14, required=False)
    instruments = forms.MultipleChoiceField(label="What to ask", widget=forms.CheckboxSelectMultiple)
    consent = forms.BooleanField(
        label="The client agreed to get check-in links by email", required=False,
        help_text="Who recorded it and when is kept. Without it, links are listed on the client's page for you to pass on.",
    )
    send_by_email = forms.BooleanField(label="Email each link to the client", required=False)

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["instruments"].choices = [(i.id, i.name) for i in measures.list_instruments()]
        self.initial.setdefault("instruments", ["relationship-checkin"])

    def clean(self):
        data = super().clean()
        if data.get("mode") == "every_days" and not data.get("every_days"):
            self.add_error("every_days", "Say how many days apart the check-ins should be.")
        if data.get("send_by_email"):
            if not data.get("consent"):
                self.add_error("send_by_email", "Email needs the client's agreement, recorded above.")
            elif not self.client.email:
                self.add_error("send_by_email", "The client has no email address yet: add one in their details first.")
        chosen = data.get("instruments") or []
        data["instruments"] = sorted(chosen, key=lambda i: measures.get_instrument(i).kind != "alliance")
        return data
