"""Inviting a learner: a supervisor makes a learner account on their team and passes on a one-time link.

The link (Django's password-reset token: it expires after PASSWORD_RESET_TIMEOUT and stops
working once a password is set) lets the learner choose their own password. Nobody else ever
knows it. Only learner accounts can be set up this way.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.http import require_http_methods, require_POST

from alliance.records import audit, builders
from alliance.records.models import Role, User
from alliance.web.pages import practice_room as room


@require_POST
def invite(request):
    if not request.user.is_authenticated or not room.may_assign(request.user):
        raise Http404("No such page.")
    username = request.POST.get("username", "").strip()
    first = " ".join(request.POST.get("first_name", "").split())[:150]
    last = " ".join(request.POST.get("last_name", "").split())[:150]
    error = None
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        error = "A username may use letters, digits and . @ + - _ only, with no spaces (for example “sam.lee”)."
    if not username:
        error = "Give the learner a username, such as “sam.lee”: they will sign in with it."
    elif User.objects.filter(username__iexact=username).exists():
        error = f"There is already an account called “{username}”. Choose another username."
    if error:
        messages.error(request, error)
        return redirect("practice_room_team")
    learner = builders.make_user(username[:150], role=Role.LEARNER, team=request.user.team, first_name=first, last_name=last)
    audit.record(request.user, "create", learner)
    link = request.build_absolute_uri(reverse("practice_room_welcome", args=[
        urlsafe_base64_encode(force_bytes(learner.pk)), default_token_generator.make_token(learner)]))
    return render(request, "alliance/practice_room_invited.html", {"learner": learner, "link": link})


@require_http_methods(["GET", "POST"])
def welcome(request, uidb64, token):
    """The learner's one-time page to choose a password."""
    try:
        learner = User.objects.filter(pk=force_str(urlsafe_base64_decode(uidb64)), role=Role.LEARNER, is_active=True).first()
    except (ValueError, ValidationError):
        learner = None
    if learner is None or not default_token_generator.check_token(learner, token):
        return render(request, "alliance/practice_room_welcome.html", {"expired": True}, status=404)
    form = SetPasswordForm(learner, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(learner, "update", learner)
        messages.success(request, "Your password is set. Sign in with your username and it.")
        return redirect("login")
    return render(request, "alliance/practice_room_welcome.html", {"form": form, "learner": learner})
