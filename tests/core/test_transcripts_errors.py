"""Every transcript error says what and where, in exactly these words (docs/transcripts.md)."""

from __future__ import annotations

import json

import pytest

from alliance.errors import AllianceError, ParseError
from alliance.transcripts import parse, read_annomi

TIMING = "00:00:01.000 --> 00:00:02.000"


def message_for(text, **options) -> str:
    with pytest.raises(ParseError) as caught:
        parse(text, name=options.pop("name", "session.vtt"), **options)
    return str(caught.value)


def test_a_file_that_is_not_utf8_names_the_line_and_byte(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"T: Hello.\r\nC: Caf\xe9 later?\n")
    with pytest.raises(ParseError) as caught:
        parse(path)
    assert str(caught.value) == (
        "notes.txt, line 2: this is not UTF-8 text (byte 0xe9 at column 7). Save the file as UTF-8 and try again."
    )
    assert (caught.value.code, caught.value.path, caught.value.line) == ("T001", "notes.txt", 2)


def test_an_empty_file_says_so(tmp_path):
    path = tmp_path / "empty.vtt"
    path.write_text("  \n\n")
    with pytest.raises(ParseError) as caught:
        parse(path)
    assert str(caught.value) == "empty.vtt, line 1: the file is empty (expected a session transcript)."


def test_a_missing_file_is_the_general_no_such_file_message(tmp_path):
    with pytest.raises(AllianceError) as caught:
        parse(tmp_path / "gone.vtt")
    assert caught.value.code == "G001"


def test_a_webvtt_file_with_only_notes_has_no_one_speaking():
    assert message_for("WEBVTT\n\nNOTE nothing here\n") == (
        "session.vtt, line 3: no one says anything in this file (expected cues with text)."
    )


def test_webvtt_without_its_header_is_reported_on_line_one():
    assert message_for(f"{TIMING}\nAna: Hi\n") == (
        "session.vtt, line 1: a WebVTT file must start with 'WEBVTT', found '00:00:01.000 --> 00:00:02.000'. "
        "If this is an SRT file, write its times with a comma (00:00:01,000)."
    )


def test_an_impossible_time_is_quoted_with_the_expected_shape():
    cues = [f"00:00:0{n}.000 --> 00:00:0{n}.500\nAna: line {n}" for n in range(1, 4)]
    cues.append("4\n00:61:02.000 --> 00:61:03.000\nBo: late")
    text = "WEBVTT\nKind: captions\n\n" + "\n\n".join(cues) + "\n"
    assert text.split("\n")[13].startswith("00:61:02.000")
    assert message_for(text) == "session.vtt, line 14: '00:61:02.000' is not a valid time (expected HH:MM:SS.mmm)"


def test_an_srt_time_names_the_comma_form():
    assert message_for("1\n00:00:01,000 --> 00:00:xx,000\nAna: Hi\n", name="visit.srt") == (
        "visit.srt, line 2: '00:00:xx,000' is not a valid time (expected HH:MM:SS,mmm)"
    )


def test_a_block_with_no_timing_before_any_cue_is_reported_after_its_cue_number():
    assert message_for("WEBVTT\n\n1\nAna: Hi\n") == (
        "session.vtt, line 4: expected a cue timing like '00:00:01.000 --> 00:00:04.000', found 'Ana: Hi'."
    )


def test_an_srt_cue_with_a_broken_arrow_shows_the_srt_timing():
    assert message_for("1\n00:00:01,000 -> 00:00:02,000\nAna: Hi\n", format="srt", name="visit.srt") == (
        "visit.srt, line 2: expected a cue timing like '00:00:01,000 --> 00:00:04,000', "
        "found '00:00:01,000 -> 00:00:02,000'."
    )


def test_a_timing_line_without_an_end_is_reported():
    assert message_for("WEBVTT\n\n00:00:01.000 -->\nAna: Hi\n") == (
        "session.vtt, line 3: expected a cue timing like '00:00:01.000 --> 00:00:04.000', found '00:00:01.000 -->'."
    )


def test_a_cue_that_ends_before_it_starts_is_an_error_but_overlap_between_cues_is_not():
    assert message_for("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nAna: Hi\n") == (
        "session.vtt, line 3: the cue ends at 00:00:04.000 before it starts at 00:00:05.000 "
        "(expected an end time at or after the start)."
    )
    overlap = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nAna: Hi\n\n00:00:03.000 --> 00:00:04.000\nBo: Hey\n"
    assert [u.start for u in parse(overlap).utterances] == [1.0, 3.0]


def test_plain_text_that_starts_without_a_speaker_is_reported():
    assert message_for("Session with Sam, March\nT: Hello\n", name="notes.txt") == (
        "notes.txt, line 1: expected the line to start with a speaker, like 'Maria: ...' or 'T: ...', "
        "found 'Session with Sam, March'."
    )


def test_a_csv_missing_a_required_column_names_it_and_what_is_expected():
    assert message_for("speaker,start\nAna,1\n", format="csv", name="call.csv") == (
        "call.csv, line 1: the CSV has no 'text' column (expected columns speaker, text "
        "(and optionally start, end, role); found speaker, start)."
    )


def test_a_csv_row_without_a_speaker_is_reported_on_its_line():
    assert message_for("speaker,text\nAna,Hi\n,Hello\n", name="call.csv") == (
        "call.csv, line 3: the 'speaker' cell is empty (expected the name of who is speaking)."
    )


def test_a_csv_role_that_is_not_a_role_is_reported():
    assert message_for("speaker,text,role\nAna,Hi,boss\n", name="call.csv") == (
        "call.csv, line 2: 'boss' is not a role (expected practitioner, client or other)."
    )


def test_a_csv_time_that_is_not_a_time_is_reported():
    assert message_for("speaker,text,start\nAna,Hi,soon\n", name="call.csv") == (
        "call.csv, line 2: 'soon' is not a valid time (expected seconds or HH:MM:SS.mmm)"
    )


def test_broken_json_gives_the_decoder_line():
    assert message_for('[\n{"speaker": "Ana",\n "text": }\n]', name="s.json") == (
        "s.json, line 3: this could not be read as JSON (Expecting value)."
    )


def test_json_of_the_wrong_shape_says_what_was_found():
    assert message_for('{"speaker": "Ana"}', format="json", name="s.json") == (
        "s.json, line 1: expected a list of utterances or an object with an 'utterances' list, found an object."
    )


def test_a_json_item_without_text_names_the_item_and_its_line():
    text = json.dumps([{"speaker": "Ana", "text": "Hi"}, {"speaker": "Bo"}], indent=2)
    assert message_for(text, name="s.json") == (
        "s.json, line 6: item 2 has no 'text' (expected an object with 'speaker' and 'text')."
    )


def test_a_json_field_of_the_wrong_type_names_the_field():
    text = json.dumps({"utterances": [{"speaker": "Ana", "text": 42}]})
    assert message_for(text, name="s.json") == "s.json, line 1: item 1, 'text' should be text, not a number."


def test_a_json_item_that_is_not_an_object_is_reported():
    assert message_for('["hello"]', name="s.json") == "s.json, line 1: item 1, 'item' should be an object, not text."


def test_a_practitioner_name_that_matches_no_one_lists_the_speakers():
    with pytest.raises(ParseError) as caught:
        parse("Maria: Hi?\nSam: Hi.", practitioner=["Mria"], name="s.txt")
    assert str(caught.value) == (
        "s.txt: no speaker is called 'Mria' (the speakers are 'Maria' and 'Sam'). Check the --practitioner name."
    )


def test_an_unknown_format_lists_the_formats():
    assert message_for("T: hi", format="docx", name="s.docx") == (
        "s.docx: 'docx' is not a transcript format "
        "(expected one of vtt, zoom_vtt, teams_vtt, srt, text, csv, json, annomi)."
    )


ANNOMI_HEADER = "transcript_id,mi_quality,topic,utterance_id,interlocutor,timestamp,utterance_text"


def test_an_annomi_file_with_several_transcripts_asks_for_one(tmp_path):
    path = tmp_path / "annomi.csv"
    rows = [f"{t},high,smoking,{i},{who},00:00:0{i},Hello {i}" for t in (3, 7) for i, who in enumerate(["therapist", "client"])]
    path.write_text("\n".join([ANNOMI_HEADER, *rows]) + "\n")
    with pytest.raises(ParseError) as caught:
        parse(path)
    assert str(caught.value) == (
        "annomi.csv, line 2: this AnnoMI file holds 2 transcripts (ids 3, 7); "
        "read one at a time with read_annomi(path, transcript_id=...)."
    )


def test_an_annomi_transcript_id_that_is_absent_lists_the_ids(tmp_path):
    path = tmp_path / "annomi.csv"
    path.write_text(ANNOMI_HEADER + "\n3,high,smoking,0,therapist,00:00:01,Hi\n")
    with pytest.raises(ParseError) as caught:
        read_annomi(path, transcript_id=9)
    assert str(caught.value) == "annomi.csv: there is no transcript with id 9 (the ids are 3)."


def test_an_annomi_row_with_an_unknown_interlocutor_is_reported(tmp_path):
    path = tmp_path / "annomi.csv"
    path.write_text(ANNOMI_HEADER + "\n3,high,smoking,0,coach,00:00:01,Hi\n")
    with pytest.raises(ParseError) as caught:
        read_annomi(path)
    assert str(caught.value) == "annomi.csv, line 2: 'coach' is not an AnnoMI interlocutor (expected therapist or client)."


def test_an_annomi_file_missing_a_column_names_it(tmp_path):
    path = tmp_path / "annomi.csv"
    path.write_text("transcript_id,interlocutor\n3,client\n")
    with pytest.raises(ParseError) as caught:
        read_annomi(path)
    assert str(caught.value) == (
        "annomi.csv, line 1: the CSV has no 'utterance_text' column (expected columns transcript_id, "
        "interlocutor, utterance_text (the AnnoMI columns); found transcript_id, interlocutor)."
    )


def test_a_mistyped_file_name_given_as_text_is_no_such_file_not_a_transcript():
    with pytest.raises(AllianceError) as caught:
        parse("sesion.vtt")
    assert str(caught.value) == "sesion.vtt: no such file."
