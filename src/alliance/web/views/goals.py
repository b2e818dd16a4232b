from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from alliance.measures.gas import LEVEL_NAMES, format_level
from alliance.records.access import get_client_for_user, get_goal_for_user
from alliance.web.forms import GoalForm, GoalRatingForm
from alliance.web.views.form_pages import save_or_show, save_with


@login_required
def goal_create(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    return save_or_show(
        request, GoalForm(request.POST or None), client_id=client.pk,
        save=save_with(client=client, created_by=request.user),
        message="Goal saved.",
        done=lambda goal: redirect("client_detail", client_id=client.pk),
        page={
            "title": f"A goal for {client.display_name}",
            "intro": "Write the goal as the client says it. The five levels describe, with the client, what less and more than expected would look like.",
            "cancel_url": reverse("client_detail", args=[client.pk]),
        },
    )


@login_required
def goal_edit(request, goal_id):
    goal, _ = get_goal_for_user(request.user, goal_id, write=True, action=None)
    return save_or_show(
        request, GoalForm(request.POST or None, instance=goal), client_id=goal.client_id,
        save=save_with(), viewed=goal, message="Goal saved.",
        done=lambda saved: redirect("client_detail", client_id=goal.client_id),
        page={"title": "Edit goal", "cancel_url": reverse("client_detail", args=[goal.client_id])},
    )


@login_required
def goal_rate(request, goal_id):
    goal, _ = get_goal_for_user(request.user, goal_id, write=True, action=None)
    form = GoalRatingForm(request.POST or None, initial={"rated_on": timezone.localdate(), "level": 0})
    form.fields["level"].widget.choices = level_choices(goal)
    return save_or_show(
        request, form, client_id=goal.client_id,
        save=save_with(goal=goal, created_by=request.user),
        viewed=goal, message="Rating saved.",
        done=lambda rating: redirect("client_detail", client_id=goal.client_id),
        page={"title": "Where does this goal stand today?", "intro": goal.text, "cancel_url": reverse("client_detail", args=[goal.client_id])},
    )


def level_choices(goal) -> list[tuple[int, str]]:
    """Each level with what it looks like in the client's words, best first: "+1: Sleeping through most nights"."""
    texts = goal.level_texts()
    return [
        (level, f"{format_level(level)}: {texts[level] or LEVEL_NAMES[level].capitalize()}"
         + (f" ({LEVEL_NAMES[level]})" if texts[level] else ""))
        for level in sorted(texts, reverse=True)
    ]
