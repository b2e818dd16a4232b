"""One shape for the record forms: validate, save with its audit entry in one transaction, say so, go on.

A write is acknowledged only after the record and its audit entry are both committed; a GET of
an existing record's form is audited as a view (it shows the record's contents).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.shortcuts import render

from alliance.records import audit

PAGE = "alliance/form_page.html"


def save_or_show(request, form, *, save: Callable, message: str, done: Callable, page: dict, client_id,
                 viewed=None, record_id=None, template: str = PAGE, extra: Callable[[], dict] | None = None):
    """Handle one form page.

    ``save(form) -> (record, action)`` runs inside the transaction (set owners, then save);
    ``done(record)`` gives the response after success (a redirect); ``viewed`` is the record a
    GET shows, audited as "view" (None for a blank create form); ``client_id`` may be a function
    of the saved record (a new client is its own); ``page`` fills the template
    (title, intro, cancel_url) and ``extra()``, called only when the page is shown, adds to it;
    ``record_id`` overrides the audited record's id.
    """
    extra_ids = {"record_id": record_id} if record_id is not None else {}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            record, action = save(form)
            owner = client_id(record) if callable(client_id) else client_id
            audit.record(request.user, action, record, client_id=owner, **extra_ids)
        messages.success(request, message)
        return done(record)
    if request.method == "GET" and viewed is not None:
        audit.record(request.user, "view", viewed, client_id=client_id, **extra_ids)
    return render(request, template, {"form": form, **page, **(extra() if extra else {})})


def save_with(action: str | None = None, **fields) -> Callable:
    """A ``save`` that sets ``fields`` (owner, parent record) before saving. The audited action is
    ``action``, or "create" / "update" by whether the record is new."""

    def save(form):
        record = form.save(commit=False)
        for name, value in fields.items():
            setattr(record, name, value)
        adding = record._state.adding
        record.save()
        form.save_m2m()
        return record, action or ("create" if adding else "update")

    return save
