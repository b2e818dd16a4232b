"""Alerts from a client's check-ins and contacts: each explained, each with the answers behind it."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.errors import MeasureError
from alliance.measures import (
    AlertSettings,
    CheckinRecord,
    ClientHistory,
    ContactRecord,
    PastOutcome,
    alerts,
    crisis_text,
    expected_change_bands,
)
from alliance.measures.alerts import KINDS, URGENCY_ORDER, explain_evidence
from alliance.measures.expected import MINIMUM_PAST_CLIENTS

START = date(2026, 1, 5)


def week(n):
    return START + timedelta(weeks=n)


def phq(total, n, item9=0):
    """A PHQ-9 check-in in week n with the given total (item 9 set separately)."""
    rest, answers = total - item9, []
    for _ in range(8):
        answers.append(min(3, rest))
        rest -= answers[-1]
    assert rest == 0
    return CheckinRecord("phq-9", week(n), tuple(answers + [item9]))


def checkin(answers, n):
    return CheckinRecord("relationship-checkin", week(n), tuple(answers))


def attended(n):
    return ContactRecord(week(n), attended=True)


def kinds(found):
    return [a.kind for a in found]


def test_phq9_item_9_above_zero_gives_an_urgent_critical_item_alert_with_the_answer():
    [alert] = alerts([phq(6, 0, item9=1)])
    assert (alert.kind, alert.urgency) == ("critical_item", "urgent")
    assert alert.evidence["item"] == 9 and alert.evidence["answer_text"] == "Several days"
    assert "Several days" in alert.message and "as soon as you can" in alert.message
    # The stored message stays true as it ages: how old it is is shown beside it, never "today" inside it.
    assert "today" not in alert.message


def test_the_client_sees_the_agencys_own_crisis_text():
    settings = AlertSettings(crisis_text={"en": "Call our 24-hour line on 0800 000 000."})
    assert crisis_text(settings) == "Call our 24-hour line on 0800 000 000."
    assert crisis_text(language="es").startswith("Gracias por contarnos")


def test_any_drop_on_the_relationship_checkin_gives_a_relationship_drop_alert():
    found = alerts([checkin([4, 4, 4, 4, 4], 0), checkin([4, 4, 3, 4, 4], 1)])
    assert kinds(found) == ["relationship_drop"]
    assert found[0].evidence["before"]["total"] == 4 and found[0].evidence["after"]["total"] == 3.8
    assert "lower on 'We worked on what matters to me'." in found[0].message


def test_a_steady_perfect_relationship_checkin_gives_no_alert():
    assert alerts([checkin([4] * 5, 0), checkin([4] * 5, 1)]) == []


def test_a_relationship_checkin_below_the_threshold_gives_relationship_low():
    found = alerts([checkin([3, 2, 3, 3, 2], 0)])  # mean 2.6 < 3
    assert kinds(found) == ["relationship_low"]
    assert found[0].evidence["threshold"]["mean_below"] == 3


def test_reliable_deterioration_gives_a_deterioration_alert_with_both_totals():
    found = alerts([phq(8, 0), phq(14, 2)])
    assert kinds(found) == ["deterioration"]
    assert (found[0].evidence["first"]["total"], found[0].evidence["latest"]["total"]) == (8, 14)


def test_no_reliable_improvement_after_the_documented_number_of_contacts_gives_not_improving():
    history = ClientHistory(
        checkins=[phq(16, 0), phq(13, 6)],
        contacts=[attended(n) for n in range(6)],
    )
    found = alerts(history)
    assert kinds(found) == ["not_improving"]
    assert found[0].evidence["contacts"] == 6


def test_one_contact_short_of_the_documented_number_gives_no_not_improving_alert():
    history = ClientHistory(checkins=[phq(16, 0), phq(13, 5)], contacts=[attended(n) for n in range(5)])
    assert alerts(history) == []


def test_a_client_who_started_below_caseness_is_never_flagged_as_not_improving():
    history = ClientHistory(checkins=[phq(8, 0), phq(8, 10)], contacts=[attended(n) for n in range(11)])
    assert "not_improving" not in kinds(alerts(history))


def test_two_missed_contacts_in_a_row_give_a_missed_contacts_alert():
    contacts = [attended(0), ContactRecord(week(1), False), ContactRecord(week(2), False, cancelled_by="client")]
    found = alerts(ClientHistory(contacts=contacts))
    assert kinds(found) == ["missed_contacts"]
    assert [m["when"] for m in found[0].evidence["missed"]] == [week(1).isoformat(), week(2).isoformat()]


def test_an_alerts_evidence_is_explained_as_facts_and_answers_item_by_item():
    [drop] = alerts([checkin([4, 4, 4, 4, 4], 0), checkin([4, 4, 3, 4, 4], 1)])
    explained = explain_evidence(drop.evidence)
    assert explained["headings"] == [f"Before: {week(0).isoformat()} (total 4.0)", f"After: {week(1).isoformat()} (total 3.8)"]
    assert len(explained["rows"]) == 5 and explained["rows"][2]["answers"][1].endswith("(3)")
    contacts = [attended(0), ContactRecord(week(1), False), ContactRecord(week(2), False, cancelled_by="client")]
    [missed] = alerts(ClientHistory(contacts=contacts))
    assert explain_evidence(missed.evidence)["facts"] == [
        ("Missed", f"{week(1).isoformat()}, {week(2).isoformat()} (cancelled by client)")]
    assert explain_evidence({"instrument": "no-such-instrument", "answers": [1]})["rows"] == []


def test_contacts_the_practitioner_cancelled_do_not_count_as_missed():
    contacts = [ContactRecord(week(1), False), ContactRecord(week(2), False, cancelled_by="practitioner")]
    assert alerts(ClientHistory(contacts=contacts)) == []


def test_two_unanswered_checkins_in_a_row_give_a_missed_checkins_alert():
    records = [checkin([4] * 5, 0), CheckinRecord("relationship-checkin", week(1), None),
               CheckinRecord("relationship-checkin", week(2), None)]
    assert kinds(alerts(records)) == ["missed_checkins"]


def test_alerts_come_most_urgent_first():
    found = alerts([phq(8, 0), phq(15, 1, item9=2)])
    assert kinds(found) == ["critical_item", "deterioration"]


def past(intake, final, count):
    return [PastOutcome("phq-9", intake, final) for _ in range(count)]


def test_expected_bands_below_the_minimum_sample_say_reliable_change_is_used_alone():
    bands = expected_change_bands(past(12, 6, MINIMUM_PAST_CLIENTS - 1), "moderate")
    assert bands.enough is False and bands.lower is None
    assert bands.message == (
        f"Only {MINIMUM_PAST_CLIENTS - 1} past clients started PHQ-9 in the 'moderate' band; expected-change "
        f"bands need at least {MINIMUM_PAST_CLIENTS}, so until then Alliance uses reliable change alone."
    )


def test_expected_bands_use_only_past_clients_from_the_same_intake_band():
    outcomes = past(12, 4, 20) + past(12, 8, 20) + past(22, 22, 50)  # the severe clients are ignored
    bands = expected_change_bands(outcomes, "moderate", minimum=40)
    assert (bands.count, bands.enough, bands.lower, bands.upper) == (40, True, 4.0, 8.0)


def test_improving_less_than_the_agencys_expected_band_gives_below_expected():
    bands = expected_change_bands(past(12, 4, 20) + past(12, 8, 20), "moderate", minimum=40)
    settings = AlertSettings(expected={"phq-9": bands})
    found = alerts([phq(12, 0), phq(10, 4)], settings)
    assert kinds(found) == ["below_expected"]
    assert found[0].evidence["expected"]["lower"] == 4.0


def test_the_expected_change_minimum_must_be_a_sensible_number():
    with pytest.raises(MeasureError) as caught:
        expected_change_bands([], "moderate", minimum=1)
    assert str(caught.value) == "The expected-change minimum must be a whole number of 2 or more, not 1."


answer_lists = {
    "phq-9": st.tuples(*[st.integers(0, 3)] * 9),
    "relationship-checkin": st.tuples(*[st.integers(0, 4)] * 5),
}


@st.composite
def histories(draw):
    checkins = []
    for n in range(draw(st.integers(0, 8))):
        instrument_id = draw(st.sampled_from(sorted(answer_lists)))
        answers = draw(st.none() | answer_lists[instrument_id])
        checkins.append(CheckinRecord(instrument_id, week(n), answers))
    contacts = [ContactRecord(week(n), draw(st.booleans()), draw(st.sampled_from([None, "client", "practitioner"])))
                for n in range(draw(st.integers(0, 10)))]
    return ClientHistory(checkins=checkins, contacts=contacts)


@settings(max_examples=150, deadline=None)
@given(history=histories())
def test_any_history_gives_known_explained_alerts_and_never_flags_a_client_below_caseness(history):
    found = alerts(history)
    assert all(a.kind in KINDS and a.urgency in URGENCY_ORDER and a.message and a.evidence for a in found)
    assert len({(a.kind, a.key) for a in found}) == len(found)
    phq_answered = [r for r in history.checkins if r.instrument_id == "phq-9" and not r.missed]
    if phq_answered and sum(phq_answered[0].answers) < 10:
        assert "not_improving" not in kinds(found)
    latest_item9 = phq_answered[-1].answers[8] if phq_answered else 0
    assert ("critical_item" in kinds(found)) == (latest_item9 > 0)
