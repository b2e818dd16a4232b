"""FHIR export: a Bundle of QuestionnaireResponse + Observation that a FHIR library accepts."""

from datetime import datetime, timezone

import pytest
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from alliance.measures import CheckinRecord, fhir_bundle

WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=timezone.utc)
RESPONSES = [
    CheckinRecord("phq-9", WHEN, (1, 1, 2, 1, 0, 1, 1, 0, 0)),
    CheckinRecord("gad-7", WHEN, (2, 2, 1, 1, 0, 1, 1), language="es"),
    CheckinRecord("relationship-checkin", WHEN, (4, 4, None, 3, 4)),
    CheckinRecord("phq-9", WHEN.replace(day=9), None),  # sent, not answered: nothing to export
]


def resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_validates_as_fhir_r4b():
    bundle = fhir_bundle("7c9e6679-7425-40de-944b-e07fc1f90ae7", RESPONSES)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    assert len(parsed.entry) == 6
    assert [type(e.resource).__name__ for e in parsed.entry[:2]] == ["QuestionnaireResponse", "Observation"]


def test_the_validator_would_catch_an_observation_without_its_code():
    bundle = fhir_bundle("client-1", RESPONSES[:1])
    del bundle["entry"][1]["resource"]["code"]
    with pytest.raises(ValidationError):
        Bundle.model_validate(bundle)


def test_totals_are_observations_coded_with_loinc_where_a_code_exists():
    observations = resources(fhir_bundle("client-1", RESPONSES), "Observation")
    codes = [[c["code"] for c in o["code"].get("coding", [])] for o in observations]
    values = [o["valueQuantity"]["value"] for o in observations]
    assert codes == [["44261-6"], ["70274-6"], []]
    assert values == [7, 8, 3.75]


def test_each_observation_points_at_the_questionnaire_response_it_came_from():
    bundle = fhir_bundle("client-1", RESPONSES[:1])
    [response] = resources(bundle, "QuestionnaireResponse")
    [observation] = resources(bundle, "Observation")
    assert observation["derivedFrom"] == [{"reference": f"urn:uuid:{response['id']}"}]
    assert response["questionnaire"] == "http://loinc.org/q/44249-1"
    assert response["subject"] == {"reference": "Patient/client-1"}


def test_unanswered_items_carry_no_answer_and_text_follows_the_clients_language():
    bundle = fhir_bundle("client-1", RESPONSES[1:3])
    gad, checkin = resources(bundle, "QuestionnaireResponse")
    assert gad["item"][0]["text"] == "Sentirse nervioso(a), ansioso(a) o con los nervios de punta"
    assert "answer" not in checkin["item"][2]


def test_the_same_records_give_the_same_ids():
    assert fhir_bundle("client-1", RESPONSES) == fhir_bundle("client-1", RESPONSES)
