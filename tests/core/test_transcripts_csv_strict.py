"""A CSV transcript never loses turns silently: an unclosed quote and a row without words are errors on their line."""

from __future__ import annotations

import pytest

from alliance.errors import ParseError
from alliance.transcripts import parse


def message_for(text: str) -> str:
    with pytest.raises(ParseError) as caught:
        parse(text, name="call.csv", format="csv")
    return str(caught.value)


def test_an_unclosed_quote_is_reported_on_the_line_it_opens_instead_of_swallowing_the_rest():
    text = 'speaker,text\nAna,Hello there\nBo,"I was thinking\nAna,What about?\nBo,Nothing much\n'
    assert message_for(text) == (
        'call.csv, line 3: a quote (") opens here and is never closed, so the rest of the file would become one cell. '
        "Close the quote or remove it."
    )


def test_a_stray_quote_inside_a_cell_is_reported_on_its_line():
    assert message_for('speaker,text\nAna,Hi\nBo,"Fine" thanks\n').startswith("call.csv, line 3: this could not be read as CSV")


def test_a_row_with_a_speaker_but_no_words_is_reported_not_dropped():
    assert message_for("speaker,text\nAna,Hi\nBo,\nAna,Still there?\n") == (
        "call.csv, line 3: the 'text' cell is empty (expected what was said)."
    )


def test_a_quoted_cell_may_still_hold_a_line_break():
    transcript = parse('speaker,text\nAna,"Hello,\nhow are you?"\nBo,Fine\n', name="call.csv", format="csv")
    assert [u.speaker for u in transcript.utterances] == ["Ana", "Bo"]
    assert "how are you?" in transcript.utterances[0].text


def test_blank_rows_are_still_skipped():
    transcript = parse("speaker,text\nAna,Hi\n,\n\nBo,Hello\n", name="call.csv", format="csv")
    assert len(transcript.utterances) == 2
