from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from alliance.records import audit
from alliance.web.pages.team import practitioner_detail, team_overview


@login_required
def team(request):
    """The supervisor's team: alerts, caseloads, skill trends and shared reflections. 404 for anyone else."""
    context = team_overview(request.user)
    audit.record(request.user, "view", record_type="team", record_id=request.user.team_id)
    return render(request, "alliance/team.html", context)


@login_required
def practitioner(request, practitioner_id):
    """One practitioner's trends, for a supervision conversation. The visit is in the audit trail."""
    context = practitioner_detail(request.user, practitioner_id)
    audit.record(request.user, "view", record_type="practice", record_id=context["person"].pk)
    return render(request, "alliance/team_practitioner.html", context)
