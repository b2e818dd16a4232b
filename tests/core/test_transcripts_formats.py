"""Reading each transcript format: the shipped samples and the awkward corners of real files."""

from __future__ import annotations

import json

import pytest

from alliance.transcripts import FORMATS, SAMPLES, detect_format, parse, sample_path


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_sample_reads_as_a_two_sided_conversation(kind):
    transcript = parse(sample_path(kind))
    roles = {u.role for u in transcript.utterances}
    assert {"practitioner", "client"} <= roles
    assert 20 <= len(transcript.utterances) <= 40
    assert transcript.format in FORMATS
    assert [u.index for u in transcript.utterances] == list(range(len(transcript.utterances)))


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("zoom_vtt", "zoom_vtt"),
        ("teams_vtt", "teams_vtt"),
        ("srt", "srt"),
        ("text", "text"),
        ("names_text", "text"),
        ("csv", "csv"),
        ("json", "json"),
    ],
)
def test_detect_format_recognises_each_sample(kind, expected):
    assert detect_format(sample_path(kind).read_text(encoding="utf-8")) == expected


def test_zoom_cues_of_one_speaker_become_one_turn_that_keeps_its_cues():
    transcript = parse(sample_path("zoom_vtt"))
    merged = [u for u in transcript.utterances if len(u.cues) > 1]
    assert merged
    turn = merged[0]
    assert turn.text == " ".join(c.text for c in turn.cues)
    assert turn.line == turn.cues[0].line
    assert turn.start == turn.cues[0].start and turn.end == turn.cues[-1].end


def test_zoom_speaker_names_are_read_from_the_cue_text():
    transcript = parse(sample_path("zoom_vtt"))
    assert transcript.speakers() == ["Maria Okafor", "Sam Reilly"]
    assert transcript.utterances[0].text.startswith("Hi Sam, thanks for joining.")


def test_teams_file_with_crlf_note_block_overlap_and_unclosed_voice_tag_reads_cleanly():
    transcript = parse(sample_path("teams_vtt"))
    assert transcript.speakers() == ["Daniel Hart", "Priya Nair"]
    assert all("<" not in u.text and "Invented" not in u.text for u in transcript.utterances)
    overlapping = [(a, b) for a, b in zip(transcript.utterances, transcript.utterances[1:]) if b.start < a.end]
    assert overlapping, "the sample has one cue that starts before the previous one ends"


def test_plain_text_with_role_letters_needs_no_guess():
    transcript = parse(sample_path("text"))
    assert transcript.roles_guessed is False
    assert transcript.role_note == ""
    assert {u.speaker: u.role for u in transcript.utterances} == {"T": "practitioner", "C": "client"}


def test_a_line_without_a_label_continues_the_previous_speaker():
    transcript = parse("Jo: So it feels hard.\nand lonely, too.\n\nLeon: Yeah.\nJo: Okay.\nLeon: Yes.")
    first = transcript.utterances[0]
    assert first.text == "So it feels hard. and lonely, too."
    assert [c.line for c in first.cues] == [1, 2]


def test_a_colon_inside_a_sentence_is_not_taken_for_a_speaker():
    transcript = parse("Jo: What did you say?\nLeon: I told him\nwhat I said was: no way.\nJo: Right.\nLeon: Yeah.")
    assert transcript.speakers() == ["Jo", "Leon"]
    assert transcript.utterances[1].text == "I told him what I said was: no way."


def test_a_bracketed_time_before_a_plain_text_line_is_its_start():
    transcript = parse("[00:01:05] T: Hello.\n[00:01:09] C: Hi.")
    assert [u.start for u in transcript.utterances] == [65.0, 69.0]
    assert transcript.utterances[0].end is None


def test_csv_reads_times_and_the_role_column():
    transcript = parse(sample_path("csv"))
    assert transcript.roles_guessed is False
    first = transcript.utterances[0]
    assert (first.speaker, first.role, first.line) == ("Ruth Adeyemi", "practitioner", 2)
    assert first.start is not None and first.end > first.start


def test_csv_accepts_semicolons_aliases_and_quoted_line_breaks():
    text = 'Name;Utterance\nAna;"Hello,\nhow are you?"\nBo;Fine.\n'
    transcript = parse(text)
    assert transcript.format == "csv"
    assert [(u.speaker, u.text, u.line) for u in transcript.utterances] == [
        ("Ana", "Hello, how are you?", 2),
        ("Bo", "Fine.", 4),
    ]


def test_json_items_keep_their_line_numbers_and_the_metadata():
    transcript = parse(sample_path("json"))
    assert transcript.metadata["fictional"] is True
    source_lines = sample_path("json").read_text(encoding="utf-8").split("\n")
    for u in transcript.utterances[:3]:
        assert source_lines[u.line - 1].strip() == "{"


def test_json_may_be_a_plain_list_with_clock_times():
    text = json.dumps([{"speaker": "A", "text": "Hi?", "start": "00:00:01.5"}, {"speaker": "B", "text": "Hey", "start": 3}])
    transcript = parse(text)
    assert [u.start for u in transcript.utterances] == [1.5, 3.0]


def test_utf8_bom_crlf_and_lone_cr_are_all_plain_line_ends(tmp_path):
    path = tmp_path / "session.txt"
    path.write_bytes("\ufeffT: Hello.\r\nC: Hi.\rT: How are you?\r\n".encode("utf-8"))
    transcript = parse(path)
    assert [(u.speaker, u.text, u.line) for u in transcript.utterances] == [
        ("T", "Hello.", 1),
        ("C", "Hi.", 2),
        ("T", "How are you?", 3),
    ]
    assert transcript.source == str(path)


def test_utf16_with_a_byte_order_mark_is_read_too(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("T: Hello.\r\nC: Hi.".encode("utf-16"))
    assert [u.text for u in parse(path).utterances] == ["Hello.", "Hi."]


VTT_CORNERS = """WEBVTT - exported
Kind: captions

STYLE
::cue { color: white }

NOTE this block
spans lines

1
00:01.000 --> 00:04.250 align:start position:10%
<v.loud Ana Ruiz><i>Hello</i> &amp; welcome.

00:05.000 --> 00:06.000
<c.yellow>Carry on</c>

00:06.500 --> 00:08.000
<v Bo>Thanks.</v>
"""


def test_webvtt_styles_notes_settings_short_times_and_tags_are_handled():
    transcript = parse(VTT_CORNERS, practitioner=["ana ruiz"])
    assert transcript.format == "teams_vtt"
    ana, bo = transcript.utterances
    assert (ana.speaker, ana.text, ana.start, ana.end) == ("Ana Ruiz", "Hello & welcome. Carry on", 1.0, 6.0)
    assert ana.line == 12 and [c.line for c in ana.cues] == [12, 15]
    assert (bo.speaker, bo.role) == ("Bo", "client")


def test_webvtt_cues_without_any_speaker_belong_to_unknown():
    transcript = parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there.\n")
    assert [(u.speaker, u.text) for u in transcript.utterances] == [("Unknown", "Hello there.")]
    assert "Only one person speaks" in transcript.role_note


def test_a_stray_blank_line_inside_a_cue_continues_it():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Hello\n\nand welcome.\n\n00:00:03.000 --> 00:00:04.000\nBo: Hi.\n"
    assert [u.text for u in parse(text).utterances] == ["Hello and welcome.", "Hi."]


def test_srt_without_cue_numbers_and_with_italics_still_reads():
    text = "00:00:01,000 --> 00:00:02,500\n<i>Ana:</i> Hello?\n\n00:00:03,000 --> 00:00:04,000\nBo: Hi.\n"
    transcript = parse(text)
    assert transcript.format == "srt"
    assert [(u.speaker, u.text, u.end) for u in transcript.utterances] == [("Ana", "Hello?", 2.5), ("Bo", "Hi.", 4.0)]


def test_format_can_be_forced_instead_of_detected():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Bo: hi\n"
    assert [(u.speaker, u.text) for u in parse(text).utterances] == [("Ana", "Bo: hi")]
    forced = parse(text, format="zoom_vtt")
    assert forced.format == "zoom_vtt"
    assert [(u.speaker, u.text) for u in forced.utterances] == [("Bo", "hi")]


def test_text_given_as_a_string_is_parsed_rather_than_opened():
    transcript = parse("T: hello\nC: hi", name="pasted")
    assert transcript.source == "pasted"


def test_speaker_and_time_on_their_own_line_as_otter_exports_them():
    text = "Maria Okafor  0:03\nHi Sam, how are you?\n\nSam Reilly  0:07\nOkay.\nA bit tired.\n\nMaria Okafor  1:02:10\nRight."
    transcript = parse(text)
    assert [(u.speaker, u.text, u.start) for u in transcript.utterances] == [
        ("Maria Okafor", "Hi Sam, how are you?", 3.0),
        ("Sam Reilly", "Okay. A bit tired.", 7.0),
        ("Maria Okafor", "Right.", 3730.0),
    ]
    assert transcript.utterances[1].line == 5  # the first line of words, which is the evidence


def test_a_sentence_ending_in_a_time_is_not_a_speaker_header():
    transcript = parse("Jo: When shall we meet?\nLeon: Let's say\nsee you at 10:30\nJo: Great.\nLeon: Yes.")
    assert transcript.utterances[1].text == "Let's say see you at 10:30"


def test_blank_lines_before_the_webvtt_header_are_tolerated():
    transcript = parse("\n\nWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n")
    assert [(u.speaker, u.text, u.line) for u in transcript.utterances] == [("Ana", "Hi.", 6)]
