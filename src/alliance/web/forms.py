"""Forms: Django validates, shows field errors and saves nothing when anything is wrong."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from alliance.records.client_form import DateInput
from alliance.records.models import (
    Contact,
    CulturalProfile,
    Goal,
    GoalRating,
    Reflection,
)
from alliance.records.throttle import (
    client_address,
    login_wait,
    note_failure,
    note_success,
)


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": "Too many unsuccessful attempts. Please wait %(minutes)s minutes and try again.",
        "slow_down": "Too many unsuccessful attempts for this username. Please wait %(seconds)s seconds and try again.",
    }

    def clean(self):
        username = (self.data.get("username") or "").strip()
        address = client_address(self.request)
        wait = login_wait(username, address)
        if wait and wait.reason == "address":
            raise forms.ValidationError(self.error_messages["locked"], code="locked", params={"minutes": wait.minutes})
        if wait:
            raise forms.ValidationError(self.error_messages["slow_down"], code="slow_down", params={"seconds": wait.seconds})
        try:
            data = super().clean()
        except forms.ValidationError:
            note_failure(username, address)
            raise
        note_success(username)
        return data


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if value and hasattr(value, "strftime"):
            return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if timezone.is_aware(value) else value.strftime("%Y-%m-%dT%H:%M")
        return value


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["starts_at", "duration_minutes", "mode", "attendance", "recording_consent", "note"]
        widgets = {"starts_at": DateTimeInput(), "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"starts_at": "Date and time", "recording_consent": "Consent to recording and transcript analysis"}

    def clean_duration_minutes(self):
        value = self.cleaned_data["duration_minutes"]
        if value is not None and not 1 <= value <= 600:
            raise forms.ValidationError("Please give a duration between 1 and 600 minutes.")
        return value


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "text", "proposed_by", "status",
            "level_minus_2", "level_minus_1", "level_0", "level_plus_1", "level_plus_2", "weight",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "text": "The goal, in the client's own words",
            "level_minus_2": "−2: much less than expected",
            "level_minus_1": "−1: somewhat less than expected",
            "level_0": "0: the expected outcome",
            "level_plus_1": "+1: somewhat more than expected",
            "level_plus_2": "+2: much more than expected",
        }


class GoalRatingForm(forms.ModelForm):
    class Meta:
        model = GoalRating
        fields = ["rated_on", "level"]
        widgets = {"rated_on": DateInput(), "level": forms.Select(choices=[(i, f"{i:+d}" if i else "0") for i in range(-2, 3)])}


class CulturalProfileForm(forms.ModelForm):
    class Meta:
        model = CulturalProfile
        fields = [
            "what_matters", "values_and_beliefs", "language_needs", "interpreter_needed", "interpreter_language",
            "community_and_family", "past_help_seeking", "ways_of_working",
        ]
        labels = {
            "what_matters": "What matters most to you right now?",
            "values_and_beliefs": "Are there values, beliefs or traditions you'd like me to understand?",
            "language_needs": "Which language feels most comfortable to talk in, and is anything about language important to you?",
            "interpreter_needed": "Would an interpreter help?",
            "interpreter_language": "Interpreter language",
            "community_and_family": "Who are the people or communities you draw strength from?",
            "past_help_seeking": "When you've asked for help before, what helped and what didn't?",
            "ways_of_working": "How would you like us to work together?",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in [
            "what_matters", "values_and_beliefs", "language_needs", "community_and_family", "past_help_seeking", "ways_of_working",
        ]}


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["listened_fully", "responded_empathetically", "learned_what_matters", "try_differently", "note", "shared_with_supervisor"]
        labels = {
            "listened_fully": "Did I listen fully?",
            "responded_empathetically": "Did I respond empathetically?",
            "learned_what_matters": "What did I learn about what matters to this client?",
            "try_differently": "What would I try differently?",
            "note": "Anything else",
            "shared_with_supervisor": "Share this reflection with my supervisor",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in [
            "listened_fully", "responded_empathetically", "learned_what_matters", "try_differently", "note",
        ]}
