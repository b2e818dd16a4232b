"""Feature sections of the client and contact pages.

Each module named in ``CLIENT_SECTIONS`` / ``CONTACT_SECTIONS`` may define:
- ``client_context(request, client, can_write) -> dict`` and ``CLIENT_TEMPLATE`` (included on the client page),
- ``CLIENT_ACTIONS_TEMPLATE`` (buttons beside "Record a contact"),
- ``contact_context(request, contact, can_write) -> dict`` and ``CONTACT_TEMPLATE`` (included on the contact page),
- ``reflection_evidence(contact) -> dict[str, str]`` (shown beside the journal prompts).
A module that does not exist yet is skipped, so features land independently.
"""

from __future__ import annotations

import importlib
from functools import cache

CLIENT_SECTIONS = (
    "alliance.web.sections.checkins",
    "alliance.web.sections.relationship",
    "alliance.web.sections.goals",
    "alliance.web.sections.conversations",
)
CONTACT_SECTIONS = (
    "alliance.web.sections.conversations",
    "alliance.web.sections.checkins",
)


@cache
def _load(names: tuple[str, ...]):
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return tuple(modules)


def client_sections():
    return _load(CLIENT_SECTIONS)


def contact_sections():
    return _load(CONTACT_SECTIONS)


def reflection_providers():
    return tuple(m for m in _load(tuple(dict.fromkeys(CLIENT_SECTIONS + CONTACT_SECTIONS))) if hasattr(m, "reflection_evidence"))
