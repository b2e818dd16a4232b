"""The client form: the one set of rules a client record meets, whether typed in or imported.

The web page and the spreadsheet import (``records/client_import.py``) both validate with it, so it
lives in records, below the web app.
"""

from __future__ import annotations

from django import forms

from alliance.records.models import Client


class DateInput(forms.DateInput):
    input_type = "date"


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = [
            "name", "preferred_name", "pronouns", "preferred_language", "email", "phone", "address",
            "status", "opened_on", "closed_on", "share_progress",
        ]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput(), "address": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        opened, closed = data.get("opened_on"), data.get("closed_on")
        if opened and closed and closed < opened:
            self.add_error("closed_on", "The closing date can't be before the opening date.")
        if data.get("status") == Client.Status.CLOSED and not closed:
            self.add_error("closed_on", "Please give the date the work ended.")
        return data
