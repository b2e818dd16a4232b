"""Check-in links: the practitioner creates one; the client answers on their phone, no account needed.

The client's pages show nothing about them beyond a first name, speak the link's language, and
never log the token or the answers.
"""

from __future__ import annotations

from datetime import timedelta

import segno
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alliance import measures
from alliance.records import audit
from alliance.records.access import get_client_for_user
from alliance.records.checkin_service import (
    PROGRESS_VIEW_DAYS,
    acknowledge_alert,
    close_alert,
    create_link,
    crisis_text_for,
    find_link,
    link_state,
    save_draft,
    submit,
)
from alliance.records.models import AgencySettings, Alert, CheckinResponse, Role
from alliance.web.charts import Point, line_chart
from alliance.web.checkin_forms import (
    AlertFollowUpForm,
    CheckinLinkForm,
    CheckinScheduleForm,
)


@login_required
def link_create(request, client_id):
    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    form = CheckinLinkForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        link, token = create_link(
            client, created_by=request.user, instruments=form.cleaned_data["instruments"],
            contact=form.cleaned_data["contact"], days=form.cleaned_data["days"], language=form.cleaned_data["language"],
        )
        audit.record(request.user, "create", link, client_id=client.pk)
        url = request.build_absolute_uri(reverse("checkin", args=[token]))
        qr = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff", title="QR code for the check-in link", svgclass="qr")
        return render(request, "alliance/checkin_link_created.html", {"client": client, "link": link, "url": url, "qr": qr})
    if request.method == "GET":
        audit.record(request.user, "view", client, client_id=client.pk)
    return render(request, "alliance/checkin_link_form.html", {"client": client, "form": form})


def _alert_for(request, alert_id, *, close: bool):
    """The alert and its client: the practitioner may act on it, a supervisor of the team may acknowledge
    it (and close it where the agency allows); anyone else finds nothing (404)."""
    alert = Alert.objects.filter(pk=alert_id).select_related("client").first()
    if alert is None:
        raise Http404("No such record.")
    client, can_write = get_client_for_user(request.user, alert.client_id, write=False, action=None)
    is_supervisor = request.user.role == Role.SUPERVISOR
    if not can_write and not (is_supervisor and (not close or AgencySettings.current().supervisors_may_close)):
        from django.core.exceptions import PermissionDenied

        audit.record(request.user, "denied", alert, client_id=client.pk)
        raise PermissionDenied("You can see this alert but not close it.")
    return alert, client


@login_required
@require_POST
def alert_followed_up(request, alert_id):
    """One-click close, kept for alerts that are not urgent; an urgent one goes to the follow-up form."""
    alert, client = _alert_for(request, alert_id, close=True)
    if alert.urgency == Alert.Urgency.URGENT:
        return redirect("alert_follow_up", alert_id=alert.pk)
    if alert.resolved_at is None:
        close_alert(alert, request.user)
        audit.record(request.user, "update", alert, client_id=client.pk)
    return redirect("client_detail", client_id=client.pk)


@login_required
def alert_follow_up(request, alert_id):
    """Close an alert with what was done and a note; who and when go on the timeline and in the audit log."""
    alert, client = _alert_for(request, alert_id, close=True)
    if alert.resolved_at is not None:
        return redirect("client_detail", client_id=client.pk)
    urgent = alert.urgency == Alert.Urgency.URGENT
    form = AlertFollowUpForm(request.POST or None, urgent=urgent)
    if request.method == "POST" and form.is_valid():
        close_alert(alert, request.user, action=form.cleaned_data["action"], note=form.cleaned_data["note"])
        audit.record(request.user, "update", alert, client_id=client.pk)
        return redirect("client_detail", client_id=client.pk)
    if request.method == "GET":
        audit.record(request.user, "view", alert, client_id=client.pk)
    context = {"client": client, "alert": alert, "form": form}
    return render(request, "alliance/alert_follow_up.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def alert_acknowledge(request, alert_id):
    """'I'm on it' (the practitioner) or a supervisor's acknowledgement, with an optional note: escalation stops."""
    alert, client = _alert_for(request, alert_id, close=False)
    note = (request.POST.get("note") or "").strip()[:1000]
    if alert.resolved_at is None:
        acknowledge_alert(alert, request.user, note=note)
        audit.record(request.user, "update", alert, client_id=client.pk)
    return redirect("client_detail", client_id=client.pk)


@login_required
def schedule_edit(request, client_id):
    """The client's check-in schedule: after each contact or every N days; emailed only with recorded consent."""
    from alliance.records.checkin_schedule import save_schedule
    from alliance.records.models import CheckinSchedule

    client, _ = get_client_for_user(request.user, client_id, write=True, action=None)
    schedule = CheckinSchedule.objects.filter(client=client).first()
    initial = {}
    if schedule:
        initial = {"mode": schedule.mode, "every_days": schedule.every_days, "instruments": schedule.instruments,
                   "consent": schedule.email_consent_at is not None, "send_by_email": schedule.send_by_email}
    form = CheckinScheduleForm(request.POST or None, client=client, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_schedule(client, request.user, mode=data["mode"], every_days=data["every_days"] or 14,
                              instruments=data["instruments"], send_by_email=data["send_by_email"], consent=data["consent"])
        audit.record(request.user, "update", saved, record_id=client.pk, client_id=client.pk)
        return redirect("client_detail", client_id=client.pk)
    if request.method == "GET":
        audit.record(request.user, "view", client, client_id=client.pk)
    context = {
        "title": f"Check-in schedule for {client.display_name}", "form": form, "cancel_url": reverse("client_detail", args=[client.pk]),
        "intro": "Alliance makes the links for you. Each link works for the agency's usual number of days; "
                 "one reminder is emailed if an emailed link is still unanswered after a few days.",
        "consent": schedule.email_consent_at if schedule else None,
        "consent_by": schedule.email_consent_by if schedule else None,
    }
    return render(request, "alliance/form_page.html", context, status=400 if request.method == "POST" else 200)


# No CSRF check: forging a submission needs the token itself, and whoever holds it can submit
# directly. Exempting also keeps Django's CSRF-failure log line (which names the path) away from tokens.
@csrf_exempt
def checkin_page(request, token):
    link = find_link(token)
    if link is None:
        return _invalid(request)
    with translation.override(link.language):
        state = link_state(link)
        if state != "open":
            return _closed(request, state)
        instruments = [measures.get_instrument(i) for i in link.instruments]
        missing, saved, resumed = {}, False, False
        values = request.POST
        if request.method == "POST" and request.POST.get("save"):
            # Save and finish later (the button, or checkin.js as each answer is chosen): nothing is scored yet.
            names = {item_name for i in instruments for item_name in _item_names(i)}
            save_draft(link, {k: v for k, v in request.POST.items() if k in names and len(v) <= 3})
            audit.record(None, "update", link, client_id=link.client_id, via="checkin-link")
            if request.headers.get("X-Autosave"):
                return _localised(HttpResponse(status=204))
            saved = True
        elif request.method == "POST":
            answers, extra = read_answers(request.POST, instruments)
            result = submit(link.pk, answers, extra)
            if result.status == "saved":
                audit.record(None, "create", link, client_id=link.client_id, via="checkin-link")
                return _thanks(request, link, token, result.critical)
            if result.status != "incomplete":
                return _closed(request, result.status)
            missing = result.missing
        else:
            audit.record(None, "view", link, client_id=link.client_id, via="checkin-link")
            values = link.draft or {}
            resumed = bool(values)
        sections = []
        position = 0
        for instrument in instruments:
            section = _form_section(instrument, link, values, missing.get(instrument.id), start=position)
            position += len(section["items"])
            sections.append(section)
        context = {
            "first_name": link.client.first_name,
            "sections": sections,
            "total": position,
            "minutes": max(1, round(position * 10 / 60)),  # about ten seconds a question
            "has_errors": bool(missing),
            "saved": saved,
            "resumed": resumed,
            "expires_at": link.expires_at,
        }
        return _localised(render(request, "alliance/checkin.html", context, status=400 if missing else 200))


def checkin_progress(request, token):
    """The client's own totals over time, when their practitioner shares them; the same link, for a while."""
    link = find_link(token)
    now = timezone.now()
    if (
        link is None
        or not link.client.share_progress
        or link.used_at is None
        or link.used_at < now - timedelta(days=PROGRESS_VIEW_DAYS)
    ):
        return _invalid(request)
    with translation.override(link.language):
        audit.record(None, "view", link, client_id=link.client_id, via="checkin-link")
        panels = []
        responses = CheckinResponse.objects.filter(client=link.client, total__isnull=False).order_by("submitted_at")
        by_instrument: dict[str, list] = {}
        for r in responses:
            by_instrument.setdefault(r.instrument_id, []).append(r)
        for instrument_id, rows in by_instrument.items():
            instrument = measures.get_instrument(instrument_id)
            language = link.language if link.language in instrument.languages else "en"
            # The client's own words: a validated instrument's title, never a validation caveat.
            title = instrument.title[language] if instrument.validated else gettext("About our work together")
            points = [Point(timezone.localtime(r.submitted_at).strftime("%d/%m"), r.total) for r in rows]
            panels.append({
                "title": title,
                "chart": line_chart(points, title=title, y_min=instrument.min_total, y_max=instrument.max_total),
                "rows": [(r.submitted_at, r.total, instrument.band_for(r.total).label[language]) for r in rows],
            })
        context = {"first_name": link.client.first_name, "panels": panels}
        return _localised(render(request, "alliance/checkin_progress.html", context))


def read_answers(post, instruments):
    """Answers from the form: ``<instrument>-<n>`` for scored items, ``<instrument>-u<n>`` for unscored ones."""
    answers, extra = {}, {}
    for instrument in instruments:
        allowed = {o.value for o in instrument.options}
        answers[instrument.id] = [_int(post.get(f"{instrument.id}-{n}"), allowed) for n in range(1, len(instrument.items) + 1)]
        extra[instrument.id] = [
            _int(post.get(f"{instrument.id}-u{n}"), {o.value for o in u.options})
            for n, u in enumerate(instrument.unscored_items, 1)
        ]
    return answers, extra


def _int(value, allowed):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number in allowed else None


def _item_names(instrument):
    return [f"{instrument.id}-{n}" for n in range(1, len(instrument.items) + 1)] + [
        f"{instrument.id}-u{n}" for n in range(1, len(instrument.unscored_items) + 1)
    ]


def _client_wording(instrument, link):
    """Title, instructions and licence line as the client reads them: no psychometric caveats
    (validation notices belong to staff views), and 'today' only when the link follows a contact."""
    text = instrument.text(link.language)
    if instrument.validated:
        return text.title, text.instructions, text.copyright_line
    title = gettext("About our work together")
    instructions = text.instructions if link.contact_id else gettext(
        "Thinking about our recent time together, how true is each of these for you?"
    )
    return title, instructions, ""


def _form_section(instrument, link, values, missing, start=0):
    text = instrument.text(link.language)
    missing = set(missing or ())
    items = [
        {
            "name": f"{instrument.id}-{n}",
            "n": n,
            "text": wording,
            "options": text.options,
            "chosen": values.get(f"{instrument.id}-{n}", ""),
            "missing": n in missing,
        }
        for n, wording in enumerate(text.items, 1)
    ]
    extra = [
        {
            "name": f"{instrument.id}-u{n}",
            "n": None,
            "text": u["text"],
            "options": [(o["value"], o["text"]) for o in u["options"]],
            "chosen": values.get(f"{instrument.id}-u{n}", ""),
            "missing": False,
        }
        for n, u in enumerate(text.unscored_items, 1)
    ]
    all_items = items + extra
    for k, item in enumerate(all_items, start + 1):
        item["position"] = k
    title, instructions, copyright_line = _client_wording(instrument, link)
    return {"id": instrument.id, "title": title, "instructions": instructions, "copyright_line": copyright_line,
            "items": all_items}


def _thanks(request, link, token, critical: bool):
    context = {
        "first_name": link.client.first_name,
        "crisis_text": crisis_text_for(link.language) if critical else "",
        "progress_url": reverse("checkin_progress", args=[token]) if link.client.share_progress else "",
    }
    return _localised(render(request, "alliance/checkin_thanks.html", context))


def _closed(request, state: str):
    return _localised(render(request, "alliance/checkin_closed.html", {"state": state}, status=410))


def _invalid(request):
    # The same page for a token that never existed and one that no longer opens anything.
    return _localised(render(request, "alliance/checkin_invalid.html", status=404))


def _localised(response):
    response["Content-Language"] = translation.get_language()
    # Django logs 4xx responses with their path, and the path here holds the token: never log it.
    response._has_been_logged = True
    return response
