"""The words of each email Alliance sends. Staff messages hold no client name, answers or clinical detail.

Client messages (a check-in link, a reminder) greet the client by first name, in the link's
language, and hold nothing else about them.
"""

from __future__ import annotations

from django.utils import timezone

from alliance.measures.alerts import plural

STAFF = {
    "urgent": (
        "A client on your caseload needs a response today",
        "Hello {name},\n\n"
        "A client on your caseload answered a check-in in a way that needs a response from you today. "
        "They were shown the agency's crisis information straight away.\n\n"
        "Open the client's page to see what they answered (this email holds no details about them):\n{url}\n\n"
        "When you have read it, press \"I'm on it\" there, and record what you did when you have followed up. "
        "If nobody acknowledges it within {hours} working hours, the team's supervisors are told.\n",
    ),
    "supervisors": (
        "Not yet acknowledged: a client on your team needs a response today",
        "Hello {name},\n\n"
        "A client on {practitioner}'s caseload answered a check-in in a way that needs a response today, and "
        "nobody has acknowledged it for {hours} working hours.\n\n"
        "Please check that someone is following it up (this email holds no details about the client):\n{url}\n\n"
        "Acknowledging it on that page stops further emails. If nobody does within {hours} more working hours, "
        "the agency's duty address is told.\n",
    ),
    "duty": (
        "Not yet acknowledged: a client needs a response today",
        "Hello,\n\n"
        "A client of the {team} team answered a check-in in a way that needs a response today. Neither their "
        "practitioner ({practitioner}) nor a supervisor has acknowledged it yet.\n\n"
        "The client's page (sign in to Alliance; this email holds no details about the client):\n{url}\n",
    ),
    "digest": (
        "Alliance: {count} on your caseload may need your attention",
        "Hello {name},\n\n{count} on your caseload may need your attention today. Your caseload:\n{url}\n\n"
        "You get this email because you asked for a daily digest; urgent alerts always come on their own, at once.\n",
    ),
}

CLIENT = {
    "en": {
        "checkin_link": (
            "Your check-in",
            "Hello {first_name},\n\n{practitioner} would like to hear how things are going. The check-in takes a "
            "minute or two:\n{url}\n\nThe link works until {until}. Only you should use it.\n",
        ),
        "checkin_reminder": (
            "A reminder: your check-in",
            "Hello {first_name},\n\nA gentle reminder: your check-in is still waiting, if you would like to fill it "
            "in:\n{url}\n\nThe link works until {until}.\n",
        ),
    },
    "es": {
        "checkin_link": (
            "Su chequeo",
            "Hola {first_name}:\n\n{practitioner} quiere saber cómo van las cosas. El chequeo toma uno o dos "
            "minutos:\n{url}\n\nEl enlace funciona hasta el {until}. Solo usted debe usarlo.\n",
        ),
        "checkin_reminder": (
            "Un recordatorio: su chequeo",
            "Hola {first_name}:\n\nUn recordatorio amable: su chequeo sigue esperando, si desea completarlo:\n{url}\n\n"
            "El enlace funciona hasta el {until}.\n",
        ),
    },
}


def render(notification, base: str) -> tuple[str, str]:
    from alliance.records.models import AgencySettings

    kind = notification.kind
    if kind in CLIENT["en"]:
        from alliance.records.checkin_service import link_token

        link = notification.link
        words = CLIENT.get(link.language, CLIENT["en"])[kind]
        until = timezone.localtime(link.expires_at).strftime("%d/%m/%Y")
        practitioner = link.client.practitioner.first_name or link.client.practitioner.display_name
        values = {"first_name": link.client.first_name, "practitioner": practitioner, "until": until,
                  "url": f"{base}/checkin/{link_token(link.pk)}/"}
        return words[0].format(**values), words[1].format(**values)
    subject, body = STAFF[kind]
    recipient = notification.recipient
    values = {"name": (recipient.first_name or recipient.username) if recipient else "", "hours": AgencySettings.current().escalation_working_hours}
    if kind == "digest":
        from alliance.records.notifications import digest_count

        values.update(count=plural(digest_count(recipient), "client"), url=f"{base}/")
    else:
        client = notification.alert.client
        values.update(url=f"{base}/clients/{client.pk}/", practitioner=client.practitioner.display_name, team=client.team.name)
    return subject.format(**values), body.format(**values)
