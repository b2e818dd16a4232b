"""POST /clients/<id>/export/: everything held about a client as one zip, for the assigned practitioner or the team's supervisor."""

from __future__ import annotations

import io
import json
import uuid
import zipfile

from alliance.records.models import AuditEntry
from tests.web.helpers import signed_in, visible_text


def url(client_obj) -> str:
    return f"/clients/{client_obj.pk}/export/"


def test_the_practitioner_downloads_one_zip_of_json_csv_and_fhir(client, personas):
    signed_in(client, personas.practitioner)
    response = client.post(url(personas.client))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="client-{personas.client.pk}.zip"'
    assert response["Cache-Control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "checkins.csv", "client.json", "fhir.json"]
        data = json.loads(archive.read("client.json"))
    assert data["records"]["records.client"][0]["name"] == "Casey Client"
    entry = AuditEntry.objects.get(action="export")
    assert (entry.actor, entry.client_id, entry.via) == (personas.practitioner, personas.client.pk, "web")


def test_the_teams_supervisor_may_download_it_too(client, personas):
    signed_in(client, personas.supervisor)
    assert client.post(url(personas.client)).status_code == 200


def test_a_teammate_a_stranger_and_the_admin_get_404_and_the_refusal_is_audited(client, personas):
    for person in (personas.teammate, personas.stranger, personas.admin):
        signed_in(client, person)
        assert client.post(url(personas.client)).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()
    assert AuditEntry.objects.filter(action="denied", client_id=personas.client.pk).count() >= 2


def test_a_get_is_refused_so_a_link_preview_cannot_export(client, personas):
    signed_in(client, personas.practitioner)
    assert client.get(url(personas.client)).status_code == 405
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_bad_id_is_404(client, personas):
    signed_in(client, personas.practitioner)
    assert client.post(f"/clients/{uuid.uuid4()}/export/").status_code == 404
    assert client.post("/clients/not-an-id/export/").status_code == 404


def test_the_access_history_offers_the_download_and_shows_who_exported_from_the_command_line(client, personas):
    from alliance.records import audit

    audit.record(None, "export", personas.client, client_id=personas.client.pk, via="cli:robin")
    signed_in(client, personas.practitioner)
    text = visible_text(client.get(f"/clients/{personas.client.pk}/access/"))
    assert "Download everything held about Casey" in text
    assert "Command line (robin)" in text
    assert "Client (check-in link)" not in text
