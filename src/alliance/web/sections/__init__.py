"""Feature sections of the client and contact pages, listed explicitly.

A section is a context function ``(request, record, can_write) -> dict`` and the template it
fills, included on the client page (``CLIENT_SECTIONS``, with an optional template of buttons
beside "Record a contact") or on the contact page (``CONTACT_SECTIONS``), in the order listed.
``REFLECTION_EVIDENCE`` functions ``(contact) -> dict`` fill the evidence beside the journal prompts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from alliance.web.sections import checkins, conversations, goals, relationship


@dataclass(frozen=True)
class Section:
    context: Callable[..., dict]
    template: str
    actions_template: str = ""


CLIENT_SECTIONS = (
    Section(checkins.client_context, checkins.CLIENT_TEMPLATE, checkins.CLIENT_ACTIONS_TEMPLATE),
    Section(relationship.client_context, relationship.CLIENT_TEMPLATE),
    Section(goals.client_context, goals.CLIENT_TEMPLATE),
)
CONTACT_SECTIONS = (
    Section(conversations.contact_context, conversations.CONTACT_TEMPLATE),
    Section(checkins.contact_context, checkins.CONTACT_TEMPLATE),
)
REFLECTION_EVIDENCE: tuple[Callable[..., dict], ...] = (conversations.reflection_evidence,)
