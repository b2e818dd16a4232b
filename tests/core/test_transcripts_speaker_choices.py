"""Who is who as the practitioner chose it: roles for labels, and two labels merged into one person."""

from __future__ import annotations

import pytest

from alliance.errors import ParseError
from alliance.transcripts import parse
from alliance.transcripts.speaker_choices import read_speaker_options

FAMILY = (
    "Dana R: How has the week been?\n"
    "Sam: Hard, honestly.\n"
    "DANA: It has been a hard week.\n"
    "Dana R: Tell me more about that.\n"
    "Lee: She cried on Tuesday.\n"
    "Sam: I did.\n"
)


def test_merged_labels_become_one_person_and_their_consecutive_turns_one_turn():
    t = parse(FAMILY, speakers={"Dana R": "DANA", "dana": "practitioner", "Lee": "other"})
    assert [(u.speaker, u.role) for u in t.utterances] == [
        ("DANA", "practitioner"), ("Sam", "client"), ("DANA", "practitioner"), ("Lee", "other"), ("Sam", "client"),
    ]
    assert t.utterances[2].text == "It has been a hard week. Tell me more about that."
    assert [u.index for u in t.utterances] == [0, 1, 2, 3, 4]
    assert not t.roles_guessed
    assert t.role_note == "Who is who as you set it: 'DANA' is the practitioner; 'Sam' is the client; 'Lee' is another person (not coded)."


def test_a_choice_for_one_speaker_leaves_the_rest_to_the_usual_rules():
    t = parse(FAMILY, speakers={"Lee": "other"})
    assert {u.speaker: u.role for u in t.utterances}["Lee"] == "other"
    assert t.roles_guessed  # the practitioner is still guessed


def test_a_chosen_role_overrides_what_the_file_says():
    t = parse("Therapist: Hello.\nClient: Hi.\n", speakers={"Therapist": "client", "Client": "practitioner"})
    assert [u.role for u in t.utterances] == ["client", "practitioner"]


@pytest.mark.parametrize(("choices", "message"), [
    ({"Nobody": "client"},
     "<text>: no speaker is called 'Nobody' (the speakers are 'Dana R', 'Sam', 'DANA' and 'Lee'). Check the name given for who is who."),
    ({"Sam": "boss"},
     "<text>: 'boss' for 'Sam' is neither a role (practitioner, client or other) nor another speaker (the speakers are 'Dana R', 'Sam', 'DANA' and 'Lee')."),
    ({"Dana R": "DANA", "DANA": "Dana R"},
     "<text>: 'Dana R' and 'DANA' are each merged into the other. Merge them all into one of the names."),
    ({"Dana R": "DANA", "Dana R ": "client", "DANA": "practitioner"},
     "<text>: 'DANA' was given two roles, client and practitioner, once the names were merged. Give the person one role."),
])
def test_choices_that_cannot_hold_say_what_and_where(choices, message):
    with pytest.raises(ParseError) as caught:
        parse(FAMILY, speakers=choices)
    assert str(caught.value) == message


def test_the_cli_option_reads_name_equals_role_and_refuses_anything_else():
    assert read_speaker_options(["DANA=practitioner", " Dana R = DANA "]) == {"DANA": "practitioner", "Dana R": "DANA"}
    with pytest.raises(ParseError) as caught:
        read_speaker_options(["DANA"])
    assert str(caught.value).startswith("--speaker 'DANA': expected NAME=ROLE")
