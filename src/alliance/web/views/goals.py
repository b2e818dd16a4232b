from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from alliance.records import audit
from alliance.records.access import get_client_for_user, get_goal_for_user
from alliance.web.forms import GoalForm, GoalRatingForm


@login_required
def goal_create(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            goal = form.save(commit=False)
            goal.client = client
            goal.created_by = request.user
            goal.save()
            audit.record(request.user, "create", goal, client_id=client.pk)
        messages.success(request, "Goal saved.")
        return redirect("client_detail", client_id=client.pk)
    return render(request, "alliance/form_page.html", {
        "form": form,
        "title": f"A goal for {client.display_name}",
        "intro": "Write the goal as the client says it. The five levels describe, with the client, what less and more than expected would look like.",
        "cancel_url": f"/clients/{client.pk}/",
    })


@login_required
def goal_edit(request, goal_id):
    goal, _ = get_goal_for_user(request.user, goal_id, write=True, action=None)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request.user, "update", goal, client_id=goal.client_id)
        messages.success(request, "Goal saved.")
        return redirect("client_detail", client_id=goal.client_id)
    if request.method == "GET":
        audit.record(request.user, "view", goal, client_id=goal.client_id)
    return render(request, "alliance/form_page.html", {
        "form": form, "title": "Edit goal", "cancel_url": f"/clients/{goal.client_id}/",
    })


@login_required
def goal_rate(request, goal_id):
    goal, _ = get_goal_for_user(request.user, goal_id, write=True, action=None)
    form = GoalRatingForm(request.POST or None, initial={"rated_on": timezone.localdate(), "level": 0})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            rating = form.save(commit=False)
            rating.goal = goal
            rating.created_by = request.user
            rating.save()
            audit.record(request.user, "create", rating, client_id=goal.client_id)
        messages.success(request, "Rating saved.")
        return redirect("client_detail", client_id=goal.client_id)
    if request.method == "GET":
        audit.record(request.user, "view", goal, client_id=goal.client_id)
    return render(request, "alliance/form_page.html", {
        "form": form,
        "title": "Where does this goal stand today?",
        "intro": goal.text,
        "cancel_url": f"/clients/{goal.client_id}/",
    })
