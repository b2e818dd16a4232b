"""Who is the practitioner: --practitioner, labels in the file, or the documented guess."""

from __future__ import annotations

from alliance.transcripts import parse, sample_path

CHAT = "Maria: How was your week?\nSam: Long.\nMaria: What made it long?\nSam: Work, mostly."


def roles_of(transcript) -> dict[str, str]:
    return {u.speaker: u.role for u in transcript.utterances}


def test_the_speaker_who_asks_most_questions_is_guessed_as_practitioner_and_the_note_says_so():
    transcript = parse(CHAT)
    assert roles_of(transcript) == {"Maria": "practitioner", "Sam": "client"}
    assert transcript.roles_guessed is True
    assert transcript.role_note == (
        "Roles were guessed: 'Maria' asked the most questions (2), so is taken as the practitioner; "
        "'Sam' as the client. Use --practitioner to set them."
    )


def test_practitioner_names_set_roles_case_insensitively_and_nothing_is_guessed():
    transcript = parse(CHAT, practitioner=["SAM"])
    assert roles_of(transcript) == {"Maria": "client", "Sam": "practitioner"}
    assert (transcript.roles_guessed, transcript.role_note) == (False, "")


def test_a_single_practitioner_name_may_be_given_as_a_string():
    assert roles_of(parse(CHAT, practitioner="sam"))["Sam"] == "practitioner"


def test_when_no_one_asks_a_question_the_first_speaker_is_taken_as_practitioner():
    transcript = parse("Ana: Hello.\nBo: Hi.")
    assert roles_of(transcript) == {"Ana": "practitioner", "Bo": "client"}
    assert transcript.role_note.startswith("Roles were guessed: no one asked a question, so 'Ana', who spoke first,")


def test_with_three_speakers_one_who_says_little_is_other():
    transcript = parse(sample_path("names_text"))
    assert roles_of(transcript) == {"Jo Mitchell": "practitioner", "Leon Carter": "client", "Denise Carter": "other"}
    assert "'Denise Carter' as other (they said little)" in transcript.role_note


def test_with_three_speakers_who_all_talk_two_are_clients():
    text = "Jo: How are you both?\nAl: We argue a lot lately about money.\nBea: We do argue, about money and time."
    assert roles_of(parse(text)) == {"Jo": "practitioner", "Al": "client", "Bea": "client"}


def test_an_automatic_other_is_explained_even_when_the_practitioner_is_named():
    transcript = parse(sample_path("names_text"), practitioner=["jo mitchell"])
    assert transcript.role_note == "'Denise Carter' said little, so taken as other rather than the client."


def test_a_single_speaker_is_taken_as_the_client_and_the_note_explains():
    transcript = parse("Sam: I have been thinking about the move.")
    assert roles_of(transcript) == {"Sam": "client"}
    assert transcript.role_note == (
        "Only one person speaks in this transcript ('Sam'), so they are taken as the client. "
        "Use --practitioner if they are the practitioner."
    )


def test_role_words_in_the_file_need_no_guess():
    transcript = parse("Counsellor: Hello.\nClient: Hi?")
    assert roles_of(transcript) == {"Counsellor": "practitioner", "Client": "client"}
    assert transcript.roles_guessed is False


def test_practitioner_overrides_what_the_file_says_and_everyone_else_is_not_a_practitioner():
    transcript = parse("speaker,text,role\nAna,Hi?,client\nBo,Hello,practitioner\n", practitioner=["ana"])
    assert roles_of(transcript) == {"Ana": "practitioner", "Bo": "client"}


def test_numbered_role_words_count_as_roles():
    transcript = parse("Counsellor 1: Hello.\nClient A: Hi.\nClient B: Hello?")
    assert roles_of(transcript) == {"Counsellor 1": "practitioner", "Client A": "client", "Client B": "client"}
    assert transcript.roles_guessed is False
