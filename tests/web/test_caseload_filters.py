"""The caseload's outcome trend and its filters (needs attention only, practitioner), at a constant query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance.records import builders
from alliance.records.models import Alert, CheckinResponse
from alliance.web.pages.caseload import outcome_trend
from tests.web.helpers import signed_in, visible_text


def _checkin(client, instrument_id, total, days_ago):
    return CheckinResponse.objects.create(
        client=client, instrument_id=instrument_id, total=total, submitted_at=timezone.now() - timedelta(days=days_ago)
    )


def _table(response) -> str:
    return visible_text(response).split('id="client-table"')[1]


def test_the_outcome_trend_says_in_words_how_far_the_phq9_has_moved_since_intake(client, personas):
    for total, days in ((14, 60), (11, 30), (8, 2)):
        _checkin(personas.client, "phq-9", total, days)
    table = _table(signed_in(client, personas.practitioner).get("/"))
    assert "Outcome trend" in table
    assert "PHQ-9 ↓ 6 since intake (14 → 8), a reliable improvement" in table


def test_a_small_rise_on_the_gad7_is_shown_without_being_called_reliable(client, personas):
    _checkin(personas.client, "gad-7", 9, 40)
    _checkin(personas.client, "gad-7", 11, 3)
    table = _table(signed_in(client, personas.practitioner).get("/"))
    assert "GAD-7 ↑ 2 since intake (9 → 11)" in table
    assert "reliabl" not in table


def test_a_client_with_no_outcome_check_ins_shows_none_yet(client, personas):
    _checkin(personas.client, "relationship-checkin", 40, 3)
    row = _table(signed_in(client, personas.practitioner).get("/"))
    assert 'data-label="Outcome trend"><span class="muted">None yet' in row


def test_a_single_outcome_check_in_is_shown_as_the_starting_point(client, personas):
    _checkin(personas.client, "phq-9", 12, 3)
    assert "PHQ-9 12 at intake, nothing to compare yet" in _table(signed_in(client, personas.practitioner).get("/"))


@pytest.mark.parametrize(
    ("instrument_id", "first", "latest", "text"),
    [
        ("phq-9", 20, 25, "PHQ-9 ↑ 5 since intake (20 → 25)"),
        ("phq-9", 20, 26, "PHQ-9 ↑ 6 since intake (20 → 26), reliably worse"),
        ("gad-7", 6, 6, "GAD-7 unchanged since intake (6)"),
        ("gad-7", 15, 10, "GAD-7 ↓ 5 since intake (15 → 10), a reliable improvement"),
    ],
)
def test_outcome_trends_read_as_plain_words(instrument_id, first, latest, text):
    assert outcome_trend(instrument_id, first, latest).text == text


def test_there_is_no_trend_without_two_totals_or_for_an_unknown_instrument():
    assert outcome_trend("phq-9", None, 8) is None
    assert outcome_trend("no-such-instrument", 3, 8) is None


def test_needs_attention_only_leaves_out_clients_who_are_doing_fine(client, personas):
    builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=2))
    worried = builders.make_client(personas.practitioner, "Wren Worried")
    builders.make_contact(worried, starts_at=timezone.now() - timedelta(days=2))
    Alert.objects.create(client=worried, kind="rupture", urgency="urgent", message="Talk about the last session.", key="k")
    signed_in(client, personas.practitioner)
    assert "Casey" in _table(client.get("/"))
    table = _table(client.get("/", {"attention": "1"}))
    assert "Wren Worried" in table
    assert "Casey" not in table
    assert 'id="attention" name="attention" value="1" checked' in visible_text(client.get("/", {"attention": "1"}))


def test_when_nobody_needs_attention_the_filter_says_so_kindly(client, personas):
    builders.make_contact(personas.client, starts_at=timezone.now() - timedelta(days=2))
    table = _table(signed_in(client, personas.practitioner).get("/", {"attention": "1"}))
    assert "No clients match — nobody in this list needs particular attention." in table


def test_the_supervisor_can_narrow_the_list_to_one_practitioner(client, personas):
    builders.make_client(personas.teammate, "Tilly Teammates-Client")
    signed_in(client, personas.supervisor)
    page = visible_text(client.get("/"))
    assert '<label for="practitioner">Practitioner</label>' in page
    assert "Pat Practitioner</option>" in page and "Tess Teammate</option>" in page
    table = _table(client.get("/", {"practitioner": str(personas.teammate.pk)}))
    assert "Tilly" in table
    assert "Casey" not in table


def test_a_practitioner_sees_no_practitioner_filter_and_the_parameter_changes_nothing(client, personas):
    signed_in(client, personas.practitioner)
    page = visible_text(client.get("/", {"practitioner": str(personas.teammate.pk)}))
    assert '<label for="practitioner">' not in page
    assert "Casey" in _table(client.get("/", {"practitioner": str(personas.teammate.pk)}))


def test_a_practitioner_id_from_another_team_shows_the_supervisor_nobody(client, personas):
    table = _table(signed_in(client, personas.supervisor).get("/", {"practitioner": str(personas.stranger.pk)}))
    assert "Otto" not in table
    assert "No clients match" in table


def test_an_htmx_filter_request_gets_only_the_narrowed_table(client, personas):
    builders.make_client(personas.teammate, "Tilly Teammates-Client")
    response = signed_in(client, personas.supervisor).get(
        "/", {"practitioner": str(personas.teammate.pk)}, HTTP_HX_REQUEST="true"
    )
    text = visible_text(response)
    assert text.lstrip().startswith('<div id="client-table">')
    assert "Tilly" in text and "Casey" not in text


def _caseload_of(practitioner, count: int, start: int) -> None:
    now = timezone.now()
    for i in range(start, start + count):
        person = builders.make_client(practitioner, f"Client {i:03d}")
        builders.make_contact(person, starts_at=now - timedelta(days=i % 50 + 1))
        for days, total in ((50, 15.0), (1, 9.0)):
            CheckinResponse.objects.create(client=person, instrument_id="phq-9", submitted_at=now - timedelta(days=days), total=total)
            CheckinResponse.objects.create(client=person, instrument_id="gad-7", submitted_at=now - timedelta(days=days), total=total)
        Alert.objects.create(client=person, kind="rupture", urgency="urgent", message="Check in.", key=str(i))


def _count(django_client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert django_client.get("/", params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"attention": "1"}, {"q": "client"}, {"status": "all", "attention": "1"}, {"practitioner": "PRACTITIONER"}],
)
def test_the_filtered_caseload_takes_the_same_number_of_queries_for_3_clients_as_for_30(client, personas, params):
    params = {k: (str(personas.practitioner.pk) if v == "PRACTITIONER" else v) for k, v in params.items()}
    signed_in(client, personas.supervisor)
    client.get("/")  # the agency settings row is created on first use
    _caseload_of(personas.practitioner, 3, 0)
    _caseload_of(personas.teammate, 0, 0)
    few = _count(client, params)
    _caseload_of(personas.practitioner, 20, 3)
    _caseload_of(personas.teammate, 7, 23)
    many = _count(client, params)
    assert many == few == 6  # the same as the plain caseload (test_caseload.CASELOAD_QUERIES)
    assert "Client 029" in visible_text(client.get("/", {"status": "all"}))


def test_the_relationship_check_in_band_is_shown_in_words(client, personas):
    CheckinResponse.objects.create(
        client=personas.client, instrument_id="relationship-checkin", submitted_at=timezone.now(), total=3.4, severity="going_well"
    )
    table = _table(signed_in(client, personas.practitioner).get("/"))
    assert "3.4 <span class=\"muted\">(Going well)</span>" in table
    assert "going_well" not in table
