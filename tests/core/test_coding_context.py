"""Where each utterance sits in its conversation: the neighbours and position the coder reads."""

from __future__ import annotations

from alliance.coding.context import neighbours
from alliance.transcripts.model import Transcript, Utterance


def _transcript(turns: list[tuple[str, str]]) -> Transcript:
    return Transcript(
        [Utterance(index=i, speaker=role, role=role, text=text) for i, (role, text) in enumerate(turns)]
    )


def test_each_utterance_knows_the_other_persons_turns_before_and_after_it():
    session = _transcript(
        [
            ("practitioner", "What brings you in?"),
            ("client", "My drinking."),
            ("client", "It has got worse."),
            ("practitioner", "It has crept up on you."),
            ("other", "Sorry, wrong room."),
        ]
    )
    near = neighbours([session])
    assert near.prev_other == [-1, 0, 0, 2, -1]
    assert near.next_other == [1, 3, 3, -1, -1]
    assert near.prev_own == [-1, -1, 1, 0, -1]


def test_positions_run_from_zero_to_one_within_each_transcript_of_a_batch():
    first = _transcript([("practitioner", "Hello."), ("client", "Hi."), ("practitioner", "Welcome.")])
    second = _transcript([("client", "Only me.")])
    near = neighbours([first, second])
    assert near.index == [0, 1, 2, 0]
    assert near.position == [0.0, 0.5, 1.0, 0.0]
    # Indexes into the flat batch: the second transcript's rows never point into the first.
    assert near.prev_other[3] == -1 and near.next_other[2] == -1
