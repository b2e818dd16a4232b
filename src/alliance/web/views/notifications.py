"""A staff member's email choices: the optional daily digest (urgent alerts always come, at once)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from alliance.records import audit
from alliance.records.models import NotificationPreference


class DigestForm(forms.Form):
    daily_digest = forms.BooleanField(
        label="Email me a daily digest", required=False,
        help_text="One email each working morning saying how many clients on your caseload need attention. "
        "Urgent alerts always come on their own, at once, whatever you choose here.",
    )


@login_required
def email_preferences(request):
    preference, _ = NotificationPreference.objects.get_or_create(user=request.user) if request.method == "POST" else (
        NotificationPreference.objects.filter(user=request.user).first() or NotificationPreference(user=request.user), False
    )
    form = DigestForm(request.POST or None, initial={"daily_digest": preference.daily_digest})
    if request.method == "POST" and form.is_valid():
        preference.daily_digest = form.cleaned_data["daily_digest"]
        preference.save(update_fields=["daily_digest"])
        audit.record(request.user, "update", preference, record_id=request.user.pk)
        messages.success(request, "Saved.")
        return redirect("caseload")
    address = request.user.email or "no address yet: ask an administrator to add one"
    context = {"title": "Email", "form": form, "cancel_url": "/",
               "intro": f"Alliance emails you at {address}."}
    return render(request, "alliance/form_page.html", context)
