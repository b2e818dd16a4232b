"""A FHIR R4 Bundle of QuestionnaireResponse + Observation (LOINC-coded totals) from plain records."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from alliance.measures.history import CheckinRecord, as_datetime
from alliance.measures.instruments import get_instrument
from alliance.measures.scoring import score_if_complete

LOINC = "http://loinc.org"
QUESTIONNAIRE_BASE = "https://alliance.example/fhir/Questionnaire/"  # our own instruments' canonical URLs
_NAMESPACE = uuid.UUID("6f1c2a52-3c4e-4d0f-9a55-0b6d3f1b9a10")


def fhir_bundle(client_ref: str, responses: Iterable[CheckinRecord]) -> dict[str, Any]:
    """A ``collection`` Bundle; ids are stable for the same client, instrument and time."""
    entries: list[dict[str, Any]] = []
    for record in responses:
        if record.missed:
            continue
        instrument = get_instrument(record.instrument_id)
        scored = score_if_complete(instrument, record.answers)  # None: answers still go out, no total
        when = _fhir_datetime(record.when)
        seed = f"{client_ref}|{instrument.id}|{as_datetime(record.when).isoformat()}"
        qr_id = str(uuid.uuid5(_NAMESPACE, seed + "|qr"))
        subject = {"reference": f"Patient/{client_ref}"}
        panel = instrument.loinc.get("panel")
        questionnaire = f"{LOINC}/q/{panel}" if panel else QUESTIONNAIRE_BASE + instrument.id
        items = []
        for n, (item, answer) in enumerate(zip(instrument.items, record.answers), 1):
            entry: dict[str, Any] = {"linkId": str(n), "text": item.text.get(record.language, item.text["en"])}
            if answer is not None:
                entry["answer"] = [{"valueInteger": answer}]
            items.append(entry)
        entries.append(
            {
                "fullUrl": f"urn:uuid:{qr_id}",
                "resource": {
                    "resourceType": "QuestionnaireResponse",
                    "id": qr_id,
                    "questionnaire": questionnaire,
                    "status": "completed",
                    "subject": subject,
                    "authored": when,
                    "item": items,
                },
            }
        )
        if scored is None:
            continue
        obs_id = str(uuid.uuid5(_NAMESPACE, seed + "|total"))
        total_code = instrument.loinc.get("total")
        code: dict[str, Any] = {"text": f"{instrument.name} total score"}
        if total_code:
            code["coding"] = [{"system": LOINC, "code": total_code, "display": f"{instrument.name} total score"}]
        entries.append(
            {
                "fullUrl": f"urn:uuid:{obs_id}",
                "resource": {
                    "resourceType": "Observation",
                    "id": obs_id,
                    "status": "final",
                    "category": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                    "code": "survey",
                                    "display": "Survey",
                                }
                            ]
                        }
                    ],
                    "code": code,
                    "subject": subject,
                    "effectiveDateTime": when,
                    "valueQuantity": {
                        "value": scored.total,
                        "unit": "{score}",
                        "system": "http://unitsofmeasure.org",
                        "code": "{score}",
                    },
                    "interpretation": [{"text": scored.severity_label}],
                    "derivedFrom": [{"reference": f"urn:uuid:{qr_id}"}],
                },
            }
        )
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _fhir_datetime(when) -> str:
    # FHIR dateTime with a time part needs a zone; naive times are taken as UTC.
    if hasattr(when, "hour"):
        text = when.isoformat(timespec="seconds")
        return text if when.tzinfo else text + "+00:00"
    return when.isoformat()
