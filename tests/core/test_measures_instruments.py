"""Instrument files: shipped wording, languages, licence metadata, and the licensed-instrument slot."""

import json

import pytest

from alliance.errors import MeasureError
from alliance.measures import get_instrument, list_instruments


def test_the_shipped_instruments_are_phq9_gad7_and_the_relationship_checkin():
    assert {i.id: i.kind for i in list_instruments()} == {
        "gad-7": "outcome", "phq-9": "outcome", "relationship-checkin": "alliance",
    }


def test_phq9_uses_the_exact_published_english_question_options_and_copyright_line():
    text = get_instrument("phq-9").text("en")
    assert text.instructions == "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    assert text.options == ((0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day"))
    assert text.items[0] == "Little interest or pleasure in doing things"
    assert text.items[8] == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert "No permission required to reproduce, translate, display or distribute." in text.copyright_line


def test_phq9_and_gad7_carry_their_loinc_panel_and_total_codes():
    assert get_instrument("phq-9").loinc == {"panel": "44249-1", "total": "44261-6"}
    assert get_instrument("gad-7").loinc == {"panel": "69737-5", "total": "70274-6"}


def test_spanish_wording_is_the_official_spanish_usa_translation():
    phq = get_instrument("phq-9").text("es")
    gad = get_instrument("gad-7").text("es")
    assert phq.items[0] == "Poco interés o placer en hacer cosas"
    assert phq.instructions.startswith("Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias")
    assert gad.items[0] == "Sentirse nervioso(a), ansioso(a) o con los nervios de punta"


def test_the_difficulty_question_is_shown_but_not_scored():
    instrument = get_instrument("phq-9")
    assert len(instrument.items) == 9
    assert [u.id for u in instrument.unscored_items] == ["difficulty"]


def test_the_relationship_checkin_says_it_is_not_a_validated_instrument_in_every_language():
    instrument = get_instrument("relationship-checkin")
    assert instrument.validated is False
    assert instrument.text("en").notice.startswith("Not a validated instrument.")
    assert instrument.text("es").notice.startswith("No es un instrumento validado.")
    assert len(instrument.items) == 5


def test_an_unknown_instrument_is_refused_with_the_ones_that_exist():
    with pytest.raises(MeasureError) as caught:
        get_instrument("srs")
    assert str(caught.value) == (
        "There is no instrument called 'srs'. Instruments you can use: gad-7, phq-9, relationship-checkin."
    )


def test_a_language_the_instrument_lacks_is_refused():
    with pytest.raises(MeasureError) as caught:
        get_instrument("phq-9").text("fr")
    assert str(caught.value) == "PHQ-9 has no wording in 'fr'; it is available in: en, es."


def agency_file(folder, **overrides):
    data = {
        "id": "agency-scale", "name": "Agency scale", "kind": "licensed", "validated": True,
        "title": {"en": "Agency scale"}, "languages": ["en"],
        "licence": {
            "holder": "Example Rights Holder", "permitted_use": "Licensed to this agency for electronic use.",
            "use_permitted": True, "electronic_use_permitted": True,
            "copyright_line": {"en": "(c) Example Rights Holder. Used under licence."},
        },
        "instructions": {"en": "How are things?"},
        "options": [{"value": 0, "text": {"en": "No"}}, {"value": 1, "text": {"en": "Yes"}}],
        "items": [{"id": "a", "text": {"en": "First"}}, {"id": "b", "text": {"en": "Second"}}],
        "scoring": {"method": "sum", "higher_is": "better"},
        "missing": {"max_missing": 0},
        "bands": [{"id": "low", "min": 0, "max": 0, "label": {"en": "Low"}},
                  {"id": "high", "min": 1, "max": 2, "label": {"en": "High"}}],
        "reliable_change": None,
    }
    data.update(overrides)
    (folder / f"{data['id']}.json").write_text(json.dumps(data), encoding="utf-8")
    return data


def test_an_agency_supplied_licensed_instrument_is_loaded_from_the_instruments_folder(tmp_path, monkeypatch):
    agency_file(tmp_path)
    monkeypatch.setenv("ALLIANCE_INSTRUMENTS_DIR", str(tmp_path))
    instrument = get_instrument("agency-scale")
    assert (instrument.kind, instrument.licence.holder) == ("licensed", "Example Rights Holder")


def test_an_instrument_whose_licence_forbids_electronic_use_is_refused_with_the_documented_message(tmp_path, monkeypatch):
    licence = {
        "holder": "Example Rights Holder", "permitted_use": "Paper use only.",
        "use_permitted": True, "electronic_use_permitted": False,
        "refusal_reason": "the licence does not allow electronic copies",
    }
    agency_file(tmp_path, licence=licence)
    monkeypatch.setenv("ALLIANCE_INSTRUMENTS_DIR", str(tmp_path))
    assert "agency-scale" not in [i.id for i in list_instruments()]
    assert "agency-scale" in [i.id for i in list_instruments(include_unlicensed=True)]
    with pytest.raises(MeasureError) as caught:
        get_instrument("agency-scale")
    assert str(caught.value) == (
        "Agency scale (agency-scale) cannot be used: its licence does not permit this use "
        "(the licence does not allow electronic copies). An agency that holds a licence can supply "
        "the instrument itself; see docs/measures.md."
    )


def test_a_broken_instrument_file_is_reported_with_its_path_and_the_problem(tmp_path, monkeypatch):
    agency_file(tmp_path, bands=[{"id": "all", "min": 0, "max": 1, "label": {"en": "All"}}])
    monkeypatch.setenv("ALLIANCE_INSTRUMENTS_DIR", str(tmp_path))
    with pytest.raises(MeasureError) as caught:
        list_instruments()
    assert str(caught.value) == f"{tmp_path / 'agency-scale.json'}: not a usable instrument file (bands must run from 0 to 2)."


def test_an_agency_file_cannot_take_the_id_of_a_shipped_instrument(tmp_path, monkeypatch):
    agency_file(tmp_path, id="phq-9")
    monkeypatch.setenv("ALLIANCE_INSTRUMENTS_DIR", str(tmp_path))
    with pytest.raises(MeasureError) as caught:
        list_instruments()
    assert "the id 'phq-9' is already used" in str(caught.value)
