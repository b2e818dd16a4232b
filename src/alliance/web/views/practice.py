from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from alliance.records.models import Role
from alliance.web.pages.practice import (
    analyzed_rows,
    relationship_trend,
    skill_trends,
    window_start,
)


@login_required
def my_practice(request):
    """A practitioner's own trends over the months: for their growth, seen by them."""
    if request.user.role == Role.LEARNER:  # a learner's practice is the practice room
        return redirect("practice_room")
    if request.user.role not in (Role.PRACTITIONER, Role.SUPERVISOR):
        raise Http404("No such page.")
    since = window_start()
    rows = analyzed_rows([request.user.pk], since)
    return render(request, "alliance/practice.html", {
        "trends": skill_trends(rows),
        "relationship": relationship_trend(request.user, since),
        "analyzed_sessions": len(rows),
        "since": since,
    })
