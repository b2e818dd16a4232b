"""Reading the AnnoMI CSV: one Transcript per transcript_id, labels kept per row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alliance.transcripts import parse, read_annomi

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("ALLIANCE_DATA_DIR", REPO.parent / "shared" / "data"))
DEV = DATA / "annomi" / "dev.csv"

HEADER = "transcript_id,mi_quality,topic,utterance_id,interlocutor,timestamp,utterance_text,main_therapist_behaviour,client_talk_type"


def small_file(tmp_path) -> Path:
    path = tmp_path / "annomi.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                '5,low,"alcohol ",1,client,00:00:09,"I drink, sure.",n/a,sustain',
                "5,low,alcohol ,0,therapist,00:00:02,Why do you drink?,question,n/a",
                "5,low,alcohol ,2,client,00:00:15,Sometimes too much.,n/a,change",
            ]
        )
        + "\n"
    )
    return path


def test_read_annomi_orders_rows_and_keeps_their_labels(tmp_path):
    (transcript,) = read_annomi(small_file(tmp_path))
    assert transcript.metadata == {"transcript_id": 5, "mi_quality": "low", "topic": "alcohol"}
    assert [(u.speaker, u.role, u.start) for u in transcript.utterances] == [
        ("Therapist", "practitioner", 2.0),
        ("Client", "client", 9.0),
        ("Client", "client", 15.0),
    ]
    assert [u.metadata["client_talk_type"] for u in transcript.utterances] == ["n/a", "sustain", "change"]
    assert [u.index for u in transcript.utterances] == [0, 1, 2]
    assert transcript.format == "annomi" and transcript.roles_guessed is False


def test_consecutive_annomi_rows_of_one_speaker_stay_separate_utterances(tmp_path):
    (transcript,) = read_annomi(small_file(tmp_path))
    assert len(transcript.by_role("client")) == 2


def test_parse_detects_a_single_transcript_annomi_file(tmp_path):
    assert parse(small_file(tmp_path)).format == "annomi"


@pytest.mark.data
@pytest.mark.skipif(not DEV.exists(), reason=f"AnnoMI data not found at {DEV} (set ALLIANCE_DATA_DIR)")
def test_the_annomi_dev_portion_reads_as_nineteen_transcripts():
    transcripts = read_annomi(DEV)
    assert len(transcripts) == 19
    assert sum(len(t.utterances) for t in transcripts) == 1379
    assert sum(len(t.by_role("practitioner")) for t in transcripts) == 694
    for t in transcripts:
        assert t.metadata["mi_quality"] in {"high", "low"}
        ids = [u.metadata["utterance_id"] for u in t.utterances]
        assert ids == sorted(ids)
    one = read_annomi(DEV, transcript_id=transcripts[0].metadata["transcript_id"])
    assert one[0].utterances == transcripts[0].utterances
