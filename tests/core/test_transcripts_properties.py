"""Property tests: parse never fails with anything but our error; VTT/SRT round-trip."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance.errors import AllianceError, ParseError
from alliance.transcripts import (
    FORMATS,
    Transcript,
    Utterance,
    detect_format,
    parse,
    sample_path,
    to_srt,
    to_vtt,
)

MODEST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments of real transcripts, so random input reaches deep into every reader.
FRAGMENTS = [
    "WEBVTT", "WEBVTT\n\n", "NOTE", "STYLE", "\n", "\n\n", "\r\n", "\r", " ", "-->", " --> ",
    "00:00:01.000", "00:61:02.000", "01:02,500", "1\n", "Ana:", "T: ", "C: ", "<v Ana>", "</v>",
    "<i>", "&amp;", "[00:00:05] ", "[", "]", "{", "}", '"speaker"', '"text"', ":", ",", ";",
    "speaker,text", "speaker,text,start,end,role", "transcript_id,interlocutor,utterance_text",
    "therapist", "client", '{"utterances": [', "\ufeff", "?", "\x00", "é",
]
messy_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=30).map("".join),
)


@MODEST
@given(text=messy_text, format=st.one_of(st.none(), st.sampled_from(FORMATS)))
def test_any_text_gives_a_transcript_or_our_parse_error(text, format):
    try:
        result = parse(text, format=format, name="fuzz.txt")
    except ParseError:
        return
    assert isinstance(result, Transcript)
    assert result.utterances and all(u.role in ("practitioner", "client", "other") for u in result.utterances)


@MODEST
@given(data=st.binary(max_size=400))
def test_any_bytes_from_a_file_give_a_transcript_or_our_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "upload.txt"
    path.write_bytes(data)
    for source in (path, data.decode("utf-8", errors="replace")):
        try:
            assert isinstance(parse(source), Transcript)
        except AllianceError as error:  # ParseError, or G001 for a vanished file
            assert isinstance(error, ParseError)


names = st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True)


def words(alphabet):
    return st.text(alphabet=alphabet, min_size=1, max_size=60).map(lambda s: " ".join(s.split())).filter(bool)


any_chars = st.characters(blacklist_categories=("Cs", "Cc"))
srt_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<{")


@st.composite
def transcripts(draw, alphabet):
    cast = draw(st.lists(names, min_size=2, max_size=3, unique=True))
    count = draw(st.integers(1, 12))
    utterances = []
    speaker = None
    for index in range(count):
        speaker = draw(st.sampled_from([s for s in cast if s != speaker]))
        start = draw(st.integers(0, 10**7)) / 1000
        end = start + draw(st.integers(0, 10**5)) / 1000
        utterances.append(Utterance(index, speaker, "client", draw(words(alphabet)), start, end))
    return Transcript(utterances)


def essentials(transcript):
    return [(u.speaker, u.text, round(u.start * 1000), round(u.end * 1000)) for u in transcript.utterances]


@MODEST
@given(transcript=transcripts(any_chars))
def test_writing_webvtt_and_reading_it_back_gives_the_same_utterances(transcript):
    written = to_vtt(transcript)
    assert detect_format(written) == "teams_vtt"
    assert essentials(parse(written)) == essentials(transcript)


@MODEST
@given(transcript=transcripts(srt_chars))
def test_writing_srt_and_reading_it_back_gives_the_same_utterances(transcript):
    written = to_srt(transcript)
    assert detect_format(written) == "srt"
    assert essentials(parse(written)) == essentials(transcript)


@pytest.mark.parametrize("kind", ["zoom_vtt", "teams_vtt", "srt", "csv", "json"])
def test_each_timed_sample_survives_a_round_trip_through_both_writers(kind):
    original = parse(sample_path(kind))
    for writer in (to_vtt, to_srt):
        again = parse(writer(original))
        assert essentials(again) == essentials(original)
        assert [len(u.cues) for u in again.utterances] == [len(u.cues) for u in original.utterances]


def test_untimed_transcripts_are_written_with_filled_in_times():
    transcript = parse(sample_path("text"))
    again = parse(to_vtt(transcript))
    assert [u.text for u in again.utterances] == [u.text for u in transcript.utterances]
    assert all(u.start == 0.0 for u in again.utterances)
