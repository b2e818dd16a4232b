"""Error pages that say what happened in plain words, instead of Django's bare defaults."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.views.defaults import bad_request as django_bad_request

from alliance.errors import format_message
from alliance.web.conversation_forms import human_size


def bad_request(request, exception=None):
    """A body too big for a form (e.g. a pasted transcript over the limit) is explained; nothing else changes."""
    if isinstance(exception, RequestDataTooBig):
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        message = format_message("R003", size=human_size(size), limit=human_size(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
        return render(request, "alliance/too_large.html", {"message": message}, status=413)
    return django_bad_request(request, exception)
