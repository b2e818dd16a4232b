"""The practice room's pages: drills, scenario questions, one's own progress, and a team's assignments.

For learners (a role with no client records), practitioners and supervisors. Typed responses
are private to the person who wrote them unless they share one; supervisors see completion
and the group's trends, never a ranking.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from alliance.errors import AllianceError
from alliance.practice import (
    answer,
    get_drill,
    get_scenario,
    load_drills,
    load_scenarios,
    respond,
)
from alliance.practice.scenarios import PRINCIPLES
from alliance.practice.tasks import TASKS
from alliance.practice.verdict import reply_words
from alliance.records import audit
from alliance.records.models import PracticeAssignment, PracticeAttempt
from alliance.web.pages import practice_room as room

PER_TASK_IN_SET = 3
PER_PRINCIPLE_IN_SET = 2


def _practising(request):
    if not room.may_practise(request.user):
        raise Http404("No such page.")


@login_required
def home(request):
    _practising(request)
    rows = list(room.attempts_of(request.user))
    assignments = []
    if request.user.team_id:
        done = {request.user.pk: {(r.kind, r.item_id) for r in rows}}
        for a in PracticeAssignment.objects.filter(team_id=request.user.team_id)[:10]:
            assignments.append((a, room.assignment_completion(a, [request.user], done)[0]))
    return render(request, "alliance/practice_room.html", {
        **room.progress(rows),
        "assignments": assignments,
        "tasks": TASKS.values(),
        "may_assign": room.may_assign(request.user),
    })


@login_required
def drill_next(request):
    _practising(request)
    task = request.GET.get("task", "")
    within = [d.id for d in load_drills() if d.task == task] if task in TASKS else None
    return redirect("practice_room_drill", drill_id=room.next_drill_id(request.user, within))


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def drill(request, drill_id):
    _practising(request)
    try:
        item = get_drill(drill_id)
    except AllianceError:
        raise Http404("No such drill.") from None
    context = {"drill": item, "task": TASKS[item.task], "reply_words": reply_words(item.reply_codes), "response": ""}
    if request.method == "POST":
        text = request.POST.get("response", "")
        context["response"] = text
        try:
            verdict = respond(item, text)
        except AllianceError as exc:
            context["error"] = str(exc)
        else:
            attempt = PracticeAttempt.objects.create(
                learner=request.user, kind=PracticeAttempt.Kind.DRILL, item_id=item.id, task=item.task,
                response=" ".join(text.split()), claims=[list(c) for c in verdict.claims], outcome=verdict.outcome,
                stage=verdict.stage,
            )
            context.update(verdict=verdict, attempt=attempt)
    if request.htmx:  # htmx swaps only 2xx answers, so the message comes back as a 200 partial
        return render(request, "alliance/practice_room_drill.html#verdict", context)
    return render(request, "alliance/practice_room_drill.html", context, status=400 if context.get("error") else 200)


@login_required
def scenario_next(request):
    _practising(request)
    principle = request.GET.get("principle", "")
    within = [s.id for s in load_scenarios() if s.principle == principle] if principle in PRINCIPLES else None
    return redirect("practice_room_scenario", scenario_id=room.next_scenario_id(request.user, within))


@login_required
@require_http_methods(["GET", "POST"])
def scenario(request, scenario_id):
    _practising(request)
    try:
        item = get_scenario(scenario_id)
    except AllianceError:
        raise Http404("No such question.") from None
    context = {"scenario": item}
    if request.method == "POST":
        try:
            result = answer(item, request.POST.get("choice", ""))
        except AllianceError as exc:
            context["error"] = str(exc)
        else:
            PracticeAttempt.objects.create(
                learner=request.user, kind=PracticeAttempt.Kind.SCENARIO, item_id=item.id, principle=item.principle,
                choice=result.chosen.letter, correct=result.correct,
            )
            context["result"] = result
    return render(request, "alliance/practice_room_scenario.html", context, status=400 if context.get("error") else 200)


@login_required
def assignment_next(request, assignment_id):
    """The next item of an assignment this person hasn't done yet."""
    _practising(request)
    a = PracticeAssignment.objects.filter(pk=assignment_id, team_id=request.user.team_id).first()
    if a is None or not request.user.team_id:
        raise Http404("No such assignment.")
    done = set(room.attempts_of(request.user).values_list("kind", "item_id"))
    for drill_id in a.drill_ids:
        if ("drill", drill_id) not in done:
            return redirect("practice_room_drill", drill_id=drill_id)
    for scenario_id in a.scenario_ids:
        if ("scenario", scenario_id) not in done:
            return redirect("practice_room_scenario", scenario_id=scenario_id)
    messages.success(request, f"You have done everything in “{a.title}”. Well done for keeping at it.")
    return redirect("practice_room")


@login_required
@require_POST
def share(request, attempt_id):
    """Share (or stop sharing) one of your own drill responses with your supervisor."""
    attempt = PracticeAttempt.objects.filter(pk=attempt_id, learner=request.user, kind="drill").first()
    if attempt is None:
        raise Http404("No such response.")
    attempt.shared = request.POST.get("shared") == "1"
    attempt.save(update_fields=["shared"])
    messages.success(request, "Shared with your supervisor." if attempt.shared else "No longer shared.")
    return redirect("practice_room_drill", drill_id=attempt.item_id)


@login_required
@require_http_methods(["GET", "POST"])
def team(request):
    """A supervisor's view: assign a drill set to the team, see completion and the group's trends."""
    if not room.may_assign(request.user):
        raise Http404("No such page.")
    errors = []
    if request.method == "POST":
        title = " ".join(request.POST.get("title", "").split())[:120]
        tasks = [t for t in request.POST.getlist("tasks") if t in TASKS]
        principles = [p for p in request.POST.getlist("principles") if p in PRINCIPLES]
        if not title:
            errors.append("Give the drill set a name, such as “Week 3: reflections”.")
        if not tasks and not principles:
            errors.append("Choose at least one kind of drill or one scenario topic.")
        if not errors:
            drills = [d.id for t in tasks for d in [d for d in load_drills() if d.task == t][:PER_TASK_IN_SET]]
            scenarios = [s.id for p in principles for s in [s for s in load_scenarios() if s.principle == p][:PER_PRINCIPLE_IN_SET]]
            a = PracticeAssignment.objects.create(team_id=request.user.team_id, title=title, drill_ids=drills,
                                                  scenario_ids=scenarios, created_by=request.user)
            audit.record(request.user, "create", a)
            messages.success(request, f"“{title}” is assigned to your team ({a.item_count} items).")
            return redirect("practice_room_team")
    members = room.team_members(request.user.team_id)
    rows = list(PracticeAttempt.objects.filter(learner__in=members))
    done: dict = {}
    for r in rows:
        done.setdefault(r.learner_id, set()).add((r.kind, r.item_id))
    assignments = [(a, room.assignment_completion(a, members, done))
                   for a in PracticeAssignment.objects.filter(team_id=request.user.team_id).select_related("created_by")]
    shared = PracticeAttempt.objects.filter(learner__in=members, shared=True, kind="drill").select_related("learner").order_by("-created_at")[:20]
    audit.record(request.user, "view", record_type="practice_team", record_id=request.user.team_id)
    return render(request, "alliance/practice_room_team.html", {
        **room.progress(rows),
        "assignments": assignments, "members": members, "shared": shared, "errors": errors,
        "tasks": TASKS.values(), "principles": PRINCIPLES,
    }, status=400 if errors else 200)
