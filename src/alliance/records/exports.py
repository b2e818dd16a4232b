"""Check-in exports for analysts and other systems: FHIR R4 and CSV, by pseudonymous client id.

Reading a client's answers to export them is a read of their record, so each exported client
gets an audit entry (action "export").
"""

from __future__ import annotations

from alliance import measures
from alliance.errors import AllianceError
from alliance.records import audit
from alliance.records.access import parse_uuid
from alliance.records.checkin_service import scored_answers
from alliance.records.models import CheckinResponse, Client


def find_client(client_id: str) -> Client:
    pk = parse_uuid(client_id)
    if pk is None:
        raise AllianceError("K002", value=client_id)
    client = Client.objects.filter(pk=pk).first()
    if client is None:
        raise AllianceError("K001", client_id=client_id)
    return client


def _records(responses) -> list[tuple[str, measures.CheckinRecord]]:
    return [
        (str(r.client_id), measures.CheckinRecord(r.instrument_id, r.submitted_at, scored_answers(r), r.language))
        for r in responses
    ]


def fhir_export(client_id: str, *, actor=None, via: str = "cli") -> dict:
    """A FHIR R4 ``collection`` Bundle of the client's check-ins (QuestionnaireResponse + Observation)."""
    client = find_client(client_id)
    rows = _records(CheckinResponse.objects.filter(client=client).order_by("submitted_at"))
    audit.record(actor, "export", client, client_id=client.pk, via=via)
    return measures.fhir_bundle(str(client.pk), [record for _, record in rows])


def csv_export(client_id: str | None = None, *, actor=None, via: str = "cli") -> str:
    """One CSV row per answered instrument; every client when ``client_id`` is None."""
    responses = CheckinResponse.objects.order_by("client_id", "submitted_at")
    if client_id is not None:
        responses = responses.filter(client=find_client(client_id))
    rows = _records(responses)
    for pk in sorted({ref for ref, _ in rows}):
        audit.record(actor, "export", record_type="client", record_id=pk, client_id=pk, via=via)
    return measures.responses_csv(rows)
