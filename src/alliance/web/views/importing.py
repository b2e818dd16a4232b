"""Import a caseload from a CSV file: check it (optionally only check), then save all of it or none."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from alliance.records.client_import import import_clients, may_import

TEMPLATE = "alliance/import_clients.html"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your CSV file",
        help_text="Save the spreadsheet as 'CSV UTF-8'. One line per client, with a header line; only name is required.",
        error_messages={"required": "Please choose the CSV file to import.", "empty": "This file is empty; please choose the CSV file with your clients."},
    )
    check_only = forms.BooleanField(required=False, label="Check only: look for problems and save nothing")


@login_required
def import_clients_page(request):
    if not may_import(request.user):
        raise PermissionDenied("Only practitioners on a team import clients into their caseload.")
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_clients(upload, request.user, dry_run=form.cleaned_data["check_only"], source_name=upload.name)
        if report.ok and not report.dry_run:
            messages.success(request, report.summary)
            return redirect("caseload")
    failed = bool(form.errors) or (report is not None and not report.ok)
    context = {"form": form, "report": report, "problems": report.problem_messages() if report else []}
    return render(request, TEMPLATE, context, status=400 if failed else 200)
