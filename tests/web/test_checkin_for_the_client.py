"""The client's check-in reads as written for them: no psychometric caveats, 'question 3 of 15', the right
count in the introduction, 'today' only after a contact, save and finish later; crisis numbers in every language."""

import pytest

from alliance.records import builders
from alliance.records.models import AgencySettings, CheckinLink
from tests.web.checkin_helpers import form_data, new_link


def page(client, token):
    response = client.get(f"/checkin/{token}/")
    assert response.status_code == 200
    return response.content.decode()


def test_no_validation_caveats_or_code_names_reach_the_client(client, personas):
    _, token = new_link(personas, ("relationship-checkin", "phq-9"))
    text = page(client, token)
    for caveat in ("not a validated instrument", "Not a validated", "validated", "does not measure"):
        assert caveat not in text, caveat
    assert "About our work together" in text


def test_every_question_says_where_the_client_is_and_the_introduction_counts_them(client, personas):
    _, token = new_link(personas, ("relationship-checkin", "phq-9"))
    text = page(client, token)
    assert "There are 15 questions. It takes about 2 minutes." in text  # 5 + 9 + the PHQ-9 difficulty question
    assert "Question 1 of 15" in text and "Question 3 of 15" in text and "Question 15 of 15" in text


def test_a_short_check_in_says_about_a_minute(client, personas):
    _, token = new_link(personas)
    assert "There are 5 questions. It takes about a minute." in page(client, token)


def test_today_only_when_the_link_follows_a_contact(client, personas):
    _, plain = new_link(personas)
    assert "today" not in page(client, plain)
    assert "Thinking about our recent time together" in page(client, plain)
    contact = builders.make_contact(personas.client)
    _, after = new_link(personas, contact=contact)
    assert "Thinking about our time together today" in page(client, after)


def test_spanish_links_speak_spanish_throughout(client, personas):
    _, token = new_link(personas, ("relationship-checkin",), language="es")
    text = page(client, token)
    assert "Pregunta 3 de 5" in text and "Son 5 preguntas. Toma alrededor de un minuto." in text
    assert "Sobre nuestro trabajo juntos" in text and "Guardar y terminar más tarde" in text


class TestSaveAndResume:
    def test_saved_answers_come_back_when_the_link_is_opened_again(self, client, personas):
        link, token = new_link(personas)
        response = client.post(f"/checkin/{token}/", {"relationship-checkin-1": "3", "relationship-checkin-2": "2", "save": "1"})
        assert response.status_code == 200 and "Your answers so far are saved." in response.content.decode()
        text = page(client, token)
        assert "Welcome back: your earlier answers are filled in." in text
        assert 'name="relationship-checkin-1" value="3" checked' in text
        assert 'name="relationship-checkin-2" value="2" checked' in text
        link.refresh_from_db()
        assert link.used_at is None  # nothing scored or sent yet

    def test_the_page_saves_each_answer_as_it_is_chosen(self, client, personas):
        link, token = new_link(personas)
        response = client.post(f"/checkin/{token}/", {"relationship-checkin-4": "1", "save": "1"}, HTTP_X_AUTOSAVE="1")
        assert response.status_code == 204
        link.refresh_from_db()
        assert link.draft == {"relationship-checkin-4": "1"}

    def test_sending_clears_the_saved_answers(self, client, personas):
        link, token = new_link(personas)
        client.post(f"/checkin/{token}/", {"relationship-checkin-1": "3", "save": "1"})
        assert client.post(f"/checkin/{token}/", form_data({"relationship-checkin": [3, 3, 3, 3, 3]})).status_code == 200
        link.refresh_from_db()
        assert link.used_at is not None and link.draft == {}

    def test_nothing_is_saved_on_a_used_link(self, client, personas):
        link, token = new_link(personas)
        client.post(f"/checkin/{token}/", form_data({"relationship-checkin": [3, 3, 3, 3, 3]}))
        assert client.post(f"/checkin/{token}/", {"relationship-checkin-1": "1", "save": "1"}).status_code == 410
        assert CheckinLink.objects.get(pk=link.pk).draft == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_agencys_own_crisis_numbers_follow_the_crisis_text_in_every_language(client, personas, language):
    agency = AgencySettings.current()
    agency.crisis_numbers = "Harbour crisis line, day and night: 0800 555 0100"
    agency.save()
    _, token = new_link(personas, ("phq-9",), language=language)
    text = client.post(f"/checkin/{token}/", form_data({"phq-9": [1] * 9})).content.decode()
    assert "Harbour crisis line, day and night: 0800 555 0100" in text


def test_the_shipped_crisis_text_names_no_countrys_service(client, personas):
    _, token = new_link(personas, ("phq-9",))
    text = client.post(f"/checkin/{token}/", form_data({"phq-9": [1] * 9})).content.decode()
    assert "If you are thinking about hurting yourself" in text
    for service in ("988", "Samaritans", "116 123", "US", "UK"):
        assert service not in text.split('class="alert urgent crisis"')[1].split("</div>")[0], service


def test_the_shared_progress_page_carries_no_validation_caveat_either(client, personas):
    personas.client.share_progress = True
    personas.client.save()
    _, token = new_link(personas)
    client.post(f"/checkin/{token}/", form_data({"relationship-checkin": [3, 3, 4, 3, 3]}))
    text = client.get(f"/checkin/{token}/progress/").content.decode()
    assert "About our work together" in text and "validated" not in text
