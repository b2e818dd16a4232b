"""The client's check-in page: no account, first name only, their language, stored once, then closed."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from alliance.records.models import (
    Alert,
    AuditEntry,
    CheckinAnswer,
    CheckinLink,
    CheckinResponse,
)
from tests.web.checkin_helpers import form_data, new_link
from tests.web.helpers import visible_text

CALM = {"relationship-checkin": [4, 4, 3, 4, 4]}


def test_the_page_greets_the_client_by_first_name_and_shows_nothing_else_about_them(client, personas):
    personas.client.name, personas.client.preferred_name = "Casey Quinlan-Marsh", ""
    personas.client.phone, personas.client.email = "07700 900123", "casey@example.org"
    personas.client.save()
    _, token = new_link(personas)
    text = visible_text(client.get(f"/checkin/{token}/"))
    assert "Hello Casey" in text
    for private in ("Quinlan", "Marsh", "07700", "casey@example.org", personas.practitioner.last_name, str(personas.client.pk)):
        assert private not in text
    assert "I felt heard and understood." in text
    assert "Send my answers" in text


def test_each_question_is_a_labelled_group_of_large_radio_choices(client, personas):
    _, token = new_link(personas, ("phq-9",))
    text = visible_text(client.get(f"/checkin/{token}/"))
    assert text.count("<fieldset") == 10  # nine items and the difficulty question
    assert text.count('<label class="choice"><input type="radio"') == 9 * 4 + 4
    assert '<html lang="en">' in text


def test_a_spanish_link_speaks_spanish_from_the_interface_to_the_items(client, personas):
    _, token = new_link(personas, ("phq-9",), language="es")
    response = client.get(f"/checkin/{token}/", HTTP_ACCEPT_LANGUAGE="en")
    text = visible_text(response)
    assert '<html lang="es">' in text and response["Content-Language"] == "es"
    assert "Hola, Casey" in text and "Enviar mis respuestas" in text
    assert "Poco interés o placer en hacer cosas" in text
    assert "Send my answers" not in text


def test_submitting_stores_every_answer_item_by_item_and_says_thank_you(client, personas):
    link, token = new_link(personas, ("relationship-checkin", "phq-9"))
    answers = {"relationship-checkin": [4, 3, 4, 2, 4], "phq-9": [1, 2, 0, 1, 3, 0, 1, 2, 0]}
    data = form_data(answers) | {"phq-9-u1": "2"}
    response = client.post(f"/checkin/{token}/", data)
    assert response.status_code == 200
    assert "Thank you, Casey" in visible_text(response)
    phq = CheckinResponse.objects.get(instrument_id="phq-9")
    assert (phq.total, phq.severity, phq.client, phq.link) == (10, "moderate", personas.client, link)
    stored = list(CheckinAnswer.objects.filter(response=phq).values_list("item_index", "value"))
    assert stored == list(enumerate(answers["phq-9"] + [2], 1))
    relationship = CheckinResponse.objects.get(instrument_id="relationship-checkin")
    assert [a.value for a in relationship.answers.all()] == answers["relationship-checkin"]
    link.refresh_from_db()
    assert link.used_at is not None


def test_opening_a_used_link_again_says_it_has_already_been_used(client, personas):
    _, token = new_link(personas)
    client.post(f"/checkin/{token}/", form_data(CALM))
    response = client.get(f"/checkin/{token}/")
    assert response.status_code == 410
    assert "This link has already been used" in visible_text(response)


def test_a_double_submit_stores_once(client, personas):
    _, token = new_link(personas)
    first = client.post(f"/checkin/{token}/", form_data(CALM))
    second = client.post(f"/checkin/{token}/", form_data({"relationship-checkin": [0, 0, 0, 0, 0]}))
    assert first.status_code == 200 and second.status_code == 410
    assert "already been used" in visible_text(second)
    assert CheckinResponse.objects.count() == 1
    assert [a.value for a in CheckinAnswer.objects.all()] == CALM["relationship-checkin"]


def test_an_expired_link_says_so_and_stores_nothing(client, personas):
    _, token = new_link(personas, days=2)
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        shown = client.get(f"/checkin/{token}/")
        sent = client.post(f"/checkin/{token}/", form_data(CALM))
    assert "This link has expired" in visible_text(shown) and "This link has expired" in visible_text(sent)
    assert not CheckinResponse.objects.exists()


@pytest.mark.parametrize("token", ["not-a-token", "A" * 43, "x" * 500])
def test_an_unknown_token_gets_the_same_plain_404(client, personas, token):
    response = client.get(f"/checkin/{token}/")
    assert response.status_code == 404
    assert "This link does not work" in visible_text(response)


def test_a_missing_answer_asks_again_keeps_the_others_and_stores_nothing(client, personas):
    _, token = new_link(personas, ("phq-9",))
    data = form_data({"phq-9": [1, 1, 1, None, 1, 1, 1, 1, 0]})
    response = client.post(f"/checkin/{token}/", data)
    text = visible_text(response)
    assert response.status_code == 400
    assert "Please answer the questions marked below" in text
    assert text.count("Please choose an answer.") == 1
    assert text.count(" checked>") == 8
    assert not CheckinResponse.objects.exists()
    assert CheckinLink.objects.get().used_at is None


def test_a_tampered_value_counts_as_unanswered(client, personas):
    _, token = new_link(personas, ("phq-9",))
    data = form_data({"phq-9": [1, 1, 1, 1, 1, 1, 1, 1, 0]}) | {"phq-9-2": "7"}
    assert client.post(f"/checkin/{token}/", data).status_code == 400
    assert not CheckinResponse.objects.exists()


def test_a_critical_answer_shows_the_agency_s_crisis_text_at_once_and_alerts_the_practitioner(client, personas):
    from alliance.records.models import AgencySettings

    agency = AgencySettings.current()
    agency.crisis_text = "Call the Harbour crisis line on 0800 000 000, day or night."
    agency.save()
    _, token = new_link(personas, ("phq-9",))
    response = client.post(f"/checkin/{token}/", form_data({"phq-9": [1, 1, 1, 1, 1, 1, 1, 1, 2]}))
    text = visible_text(response)
    assert "Please read this now" in text and "Harbour crisis line on 0800 000 000" in text
    assert text.index("Harbour crisis line") < text.index("<h1>Thank you")
    alert = Alert.objects.get(client=personas.client, kind="critical_item")
    assert alert.urgency == "urgent" and alert.evidence["item"] == 9 and alert.evidence["answer"] == 2


def test_no_crisis_text_without_a_critical_answer(client, personas):
    _, token = new_link(personas, ("phq-9",))
    text = visible_text(client.post(f"/checkin/{token}/", form_data({"phq-9": [3, 3, 3, 3, 3, 3, 3, 3, 0]})))
    assert "Please read this now" not in text
    assert not Alert.objects.filter(kind="critical_item").exists()


def test_opening_and_submitting_are_audited_without_a_person(client, personas):
    link, token = new_link(personas)
    client.get(f"/checkin/{token}/")
    client.post(f"/checkin/{token}/", form_data(CALM))
    entries = sorted(AuditEntry.objects.filter(record_id=str(link.pk)).values_list("action", "via", "actor"))
    assert entries == [("create", "checkin-link", None), ("view", "checkin-link", None)]


def test_neither_the_token_nor_the_answers_reach_the_logs(client, personas, caplog):
    _, token = new_link(personas, ("phq-9",))
    caplog.set_level(logging.DEBUG)
    client.get(f"/checkin/{token}/")
    client.post(f"/checkin/{token}/", form_data({"phq-9": [1, 2, 3, 0, 1, 2, 3, 0, 1]}))
    client.post(f"/checkin/{token}/", form_data({"phq-9": [1, 2, 3, 0, 1, 2, 3, 0, 1]}))  # 410
    client.get("/checkin/" + token[:-1] + "x/")  # 404
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "checkin.submitted" in logged
    assert token not in logged and token[:20] not in logged
    assert "1, 2, 3" not in logged and "Casey" not in logged


def test_the_progress_view_shows_the_client_their_own_totals_when_shared(client, personas):
    personas.client.share_progress = True
    personas.client.save()
    _, token = new_link(personas, ("phq-9",))
    thanks = visible_text(client.post(f"/checkin/{token}/", form_data({"phq-9": [2, 2, 2, 2, 2, 2, 2, 2, 0]})))
    assert f"/checkin/{token}/progress/" in thanks
    progress = client.get(f"/checkin/{token}/progress/")
    text = visible_text(progress)
    assert progress.status_code == 200 and "Your progress, Casey" in text
    assert "<svg" in text and ">16<" in text


def test_the_progress_view_is_closed_when_not_shared_before_answering_or_after_two_weeks(client, personas):
    _, token = new_link(personas)
    assert client.get(f"/checkin/{token}/progress/").status_code == 404  # not answered, not shared
    client.post(f"/checkin/{token}/", form_data(CALM))
    assert client.get(f"/checkin/{token}/progress/").status_code == 404  # not shared
    personas.client.share_progress = True
    personas.client.save()
    assert client.get(f"/checkin/{token}/progress/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.get(f"/checkin/{token}/progress/").status_code == 404


def test_a_spanish_client_sees_the_crisis_text_in_spanish_while_the_agency_keeps_the_shipped_default(client, personas):
    _, token = new_link(personas, ("phq-9",), language="es")
    text = visible_text(client.post(f"/checkin/{token}/", form_data({"phq-9": [1, 1, 1, 1, 1, 1, 1, 1, 1]})))
    assert "Por favor, lea esto ahora" in text
    assert "llame a su número local de emergencias" in text


def test_an_agency_s_own_english_crisis_text_still_reaches_a_spanish_client_after_the_spanish_wording(client, personas):
    from alliance.records.models import AgencySettings

    agency = AgencySettings.current()
    agency.crisis_text = "Línea de crisis / crisis line: 0800 111 222."
    agency.save()
    _, token = new_link(personas, ("phq-9",), language="es")
    text = visible_text(client.post(f"/checkin/{token}/", form_data({"phq-9": [1, 1, 1, 1, 1, 1, 1, 1, 1]})))
    assert "llame a su número local de emergencias" in text
    assert "Línea de crisis / crisis line: 0800 111 222." in text  # its local number is never lost


def test_an_agency_s_spanish_crisis_text_is_what_a_spanish_client_reads(client, personas):
    from alliance.records.models import AgencySettings

    agency = AgencySettings.current()
    agency.crisis_text = "Call the Harbour line on 0800 000 000."
    agency.crisis_text_es = "Llame a la línea Harbour: 0800 000 000, de día o de noche."
    agency.save()
    _, token = new_link(personas, ("phq-9",), language="es")
    text = visible_text(client.post(f"/checkin/{token}/", form_data({"phq-9": [1, 1, 1, 1, 1, 1, 1, 1, 1]})))
    assert "Llame a la línea Harbour: 0800 000 000, de día o de noche." in text
    assert "Call the Harbour line" not in text and "llame a su número local de emergencias" not in text
