from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.vary import vary_on_headers

from alliance.records import audit
from alliance.records.models import Role
from alliance.web.pages.admin_home import admin_home
from alliance.web.pages.caseload import build_caseload


@login_required
@vary_on_headers("HX-Request")
def caseload(request):
    """The practitioner's caseload (a supervisor's: the team's), who needs attention first; an admin's home."""
    if request.user.role == Role.ADMIN:
        return render(request, "alliance/admin_home.html", admin_home())
    if request.user.role == Role.LEARNER:  # learners have no caseload: their home is the practice room
        return redirect("practice_room")
    data = build_caseload(
        request.user,
        search=request.GET.get("q", "").strip(),
        status=request.GET.get("status", "active"),
        practitioner=request.GET.get("practitioner", ""),
        attention_only=request.GET.get("attention") == "1",
    )
    # The list names clients: the visit is in the audit trail (one entry per page, not per client).
    audit.record(request.user, "view", record_type="caseload", record_id=request.user.pk)
    # The filter form pushes its address into the history; htmx restoring one it no longer holds asks for the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "alliance/caseload.html#client-table" if partial else "alliance/caseload.html"
    return render(request, template, data)
