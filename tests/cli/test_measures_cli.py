"""`alliance measures`: list, show, score and change, with plain one-sentence errors."""

import json

import pytest
from typer.testing import CliRunner

from alliance.cli.main import app


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, ["measures", *args])

    return invoke


def test_list_json_gives_id_name_kind_items_and_licence(run):
    result = run("list", "--json")
    assert result.exit_code == 0
    listed = {i["id"]: i for i in json.loads(result.stdout)}
    assert set(listed) == {"gad-7", "phq-9", "relationship-checkin"}
    assert (listed["phq-9"]["kind"], listed["phq-9"]["items"]) == ("outcome", 9)
    assert listed["phq-9"]["licence"]["holder"] == "Pfizer Inc."
    assert listed["relationship-checkin"]["validated"] is False


def test_score_json_gives_total_severity_and_caseness(run):
    result = run("score", "phq-9", "--answers", "2,2,2,2,2,0,0,0,0", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["total"], data["severity"], data["caseness"]) == (10, "moderate", True)


def test_score_with_the_wrong_number_of_answers_says_so_in_one_sentence_and_exits_1(run):
    result = run("score", "phq-9", "--answers", "2,2,2")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: PHQ-9 needs 9 answers, each a whole number from 0 to 3; you gave 3."
    assert "Traceback" not in result.output


def test_score_with_an_answer_out_of_range_names_the_instrument_count_and_range(run):
    result = run("score", "gad-7", "--answers", "0,0,0,0,0,0,7")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: GAD-7 needs 7 answers, each a whole number from 0 to 3; answer 7 is 7."


def test_score_with_something_that_is_not_a_number_says_how_to_write_answers(run):
    result = run("score", "gad-7", "--answers", "0,a,0")
    assert result.exit_code == 1
    assert "'a' is not a whole number." in result.stderr


def test_change_json_gives_change_reliable_and_category(run):
    result = run("change", "phq-9", "--before", "15", "--after", "9", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["change"], data["reliable"], data["category"], data["threshold"]) == (-6, True, "recovered", 6)


def test_change_for_an_unknown_instrument_exits_1_with_the_known_ones(run):
    result = run("change", "ors", "--before", "15", "--after", "9")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: There is no instrument called 'ors'. Instruments you can use: gad-7, phq-9, relationship-checkin."
    )


def test_show_in_spanish_prints_the_spanish_wording_and_copyright_line(run):
    result = run("show", "phq-9", "--language", "es", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["items"][0] == "Poco interés o placer en hacer cosas"
    assert data["copyright_line"].startswith("Elaborado por los doctores Robert L. Spitzer")


def test_show_of_the_relationship_checkin_says_it_is_not_validated(run):
    result = run("show", "relationship-checkin")
    assert result.exit_code == 0
    assert "Not a validated instrument." in result.stdout
