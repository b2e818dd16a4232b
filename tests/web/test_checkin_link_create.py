"""The practitioner's "Create check-in link" page: a single-use link, shown once, only its hash stored."""

import hashlib
import re

import pytest

from alliance.records import builders
from alliance.records.models import AuditEntry, CheckinLink
from tests.web.helpers import BAD_IDS, audit_trail, signed_in, visible_text


def url(client_id):
    return f"/clients/{client_id}/checkin-links/new/"


def test_the_form_offers_the_instruments_and_defaults_to_the_relationship_check_in(client, personas):
    response = signed_in(client, personas.practitioner).get(url(personas.client.pk))
    text = visible_text(response)
    assert response.status_code == 200
    assert "Relationship check-in" in text and "PHQ-9" in text and "GAD-7" in text
    checked = re.findall(r'<input type="checkbox"[^>]*value="([^"]+)"[^>]*checked', text)
    assert checked == ["relationship-checkin"]


def test_creating_a_link_shows_it_once_with_a_qr_code_and_stores_only_its_hash(client, personas):
    response = signed_in(client, personas.practitioner).post(
        url(personas.client.pk), {"instruments": ["relationship-checkin", "phq-9"], "language": "es", "days": "3"}
    )
    text = visible_text(response)
    assert response.status_code == 200
    link = CheckinLink.objects.get()
    start = text.index("/checkin/") + len("/checkin/")
    token = text[start : text.index("/", start)]
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(CheckinLink.objects.values().get())
    assert "<svg" in text and "QR code" in text
    assert (link.instruments, link.language, link.client, link.created_by) == (
        ["relationship-checkin", "phq-9"], "es", personas.client, personas.practitioner
    )
    assert 2.9 < (link.expires_at - link.created_at).total_seconds() / 86400 <= 3
    assert ("create", "checkinlink") in audit_trail(personas.practitioner)


def test_the_language_defaults_to_the_client_s_preferred_language(client, personas):
    personas.client.preferred_language = "es"
    personas.client.save()
    response = signed_in(client, personas.practitioner).get(url(personas.client.pk))
    assert '<option value="es" selected>' in visible_text(response)


def test_a_link_can_be_tied_to_one_of_the_client_s_contacts(client, personas):
    contact = builders.make_contact(personas.client)
    signed_in(client, personas.practitioner).post(
        url(personas.client.pk), {"instruments": ["relationship-checkin"], "language": "en", "days": "7", "contact": str(contact.pk)}
    )
    assert CheckinLink.objects.get().contact == contact


def test_another_client_s_contact_is_refused(client, personas):
    other = builders.make_contact(personas.other_client)
    response = signed_in(client, personas.practitioner).post(
        url(personas.client.pk), {"instruments": ["relationship-checkin"], "language": "en", "days": "7", "contact": str(other.pk)}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in visible_text(response)
    assert not CheckinLink.objects.exists()


def test_a_link_without_instruments_is_refused_with_a_field_error(client, personas):
    response = signed_in(client, personas.practitioner).post(url(personas.client.pk), {"language": "en", "days": "7"})
    assert "This field is required." in visible_text(response)
    assert not CheckinLink.objects.exists()


def test_a_teammate_gets_404(client, personas):
    assert signed_in(client, personas.teammate).get(url(personas.client.pk)).status_code == 404


def test_a_stranger_gets_404_and_the_denial_is_audited(client, personas):
    response = signed_in(client, personas.stranger).post(url(personas.client.pk), {"instruments": ["phq-9"], "language": "en", "days": "7"})
    assert response.status_code == 404
    assert not CheckinLink.objects.exists()
    assert AuditEntry.objects.filter(actor=personas.stranger, action="denied").exists()


def test_the_supervisor_may_not_create_links(client, personas):
    response = signed_in(client, personas.supervisor).post(
        url(personas.client.pk), {"instruments": ["phq-9"], "language": "en", "days": "7"}
    )
    assert response.status_code == 403
    assert not CheckinLink.objects.exists()


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_bad_client_id_gets_404(client, personas, bad_id):
    assert signed_in(client, personas.practitioner).get(url(bad_id)).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, personas):
    response = client.get(url(personas.client.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
