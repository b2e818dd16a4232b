from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliance.coding import load_coder
from alliance.coding.artifact import (
    MANIFEST,
    artifact_hash,
    code_hash,
    read_npz,
    write_npz,
)
from alliance.coding.coder import MODELS_DIR, read_coder
from alliance.coding.codes import Codes
from alliance.errors import AllianceError
from alliance.transcripts.model import Transcript, Utterance


def transcript(*turns):
    role = {"P": "practitioner", "C": "client", "O": "other"}
    return Transcript(
        [Utterance(index=i, speaker=who, role=role[who], text=text) for i, (who, text) in enumerate(turns)]
    )


@pytest.fixture(scope="module")
def coder():
    return load_coder()


def test_the_coder_has_a_versioned_name_and_the_hash_of_its_files(coder):
    assert coder.name == "alliance.coder.v3"
    assert coder.artifact_hash == artifact_hash(MODELS_DIR)


def test_load_coder_is_cached(coder):
    assert load_coder() is coder


def test_an_open_invitation_is_coded_as_an_open_question(coder):
    codes = coder.code(transcript(("P", "What brings you here today?"), ("C", "My wife thinks I drink too much.")))
    assert (codes[0].behaviour, codes[0].question) == ("question", "open")


def test_a_yes_no_question_is_coded_as_a_closed_question(coder):
    codes = coder.code(transcript(("C", "I drink a few beers at night."), ("P", "Do you drink every day?")))
    assert (codes[1].behaviour, codes[1].question) == ("question", "closed")


def test_a_wish_to_change_is_change_talk(coder):
    codes = coder.code(
        transcript(("P", "What would you like to be different?"), ("C", "I really want to quit smoking this year."))
    )
    assert codes[1].client_talk == "change"


def test_practitioner_rows_get_practitioner_codes_and_client_rows_client_codes(coder):
    t = transcript(
        ("P", "How are things?"),
        ("C", "Okay I guess."),
        ("O", "Sorry, wrong room."),
        ("P", "You're doing great, you came back."),
    )
    codes = coder.code(t)
    assert len(codes) == 4
    assert codes[0].behaviour is not None and codes[0].client_talk is None
    assert codes[0].advice_without_permission is not None and codes[0].affirmation is not None
    assert codes[1].client_talk is not None and codes[1].behaviour is None
    assert codes[2] == Codes()
    assert 0.0 < codes[0].confidence <= 1.0


def test_the_affirmation_rule_is_applied_to_practitioner_turns(coder):
    codes = coder.code(transcript(("C", "I went to every meeting this month."), ("P", "You've worked really hard.")))
    assert codes[1].affirmation is True


def test_the_progress_callback_reports_every_utterance(coder):
    seen = []
    coder.code(transcript(("P", "Hello."), ("C", "Hi.")), progress=lambda stage, done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2)


def test_an_empty_transcript_gives_no_codes(coder):
    assert coder.code(Transcript([])) == []


def test_the_shipped_artifact_was_trained_with_the_current_code():
    manifest = json.loads((MODELS_DIR / MANIFEST).read_text())
    assert manifest["artifact_hash"] == artifact_hash(MODELS_DIR)
    assert manifest["code_hash"] == code_hash(), "the coding code changed since the model was trained: run alliance train"


def test_the_shipped_artifacts_are_small():
    total = sum(p.stat().st_size for p in Path(MODELS_DIR).iterdir() if p.is_file())
    assert total < 12 * 1024 * 1024  # two variants (edited text and captions) since v3


def _copy_of_the_shipped_coder(tmp_path: Path) -> Path:
    folder = tmp_path / "coder"
    folder.mkdir()
    for name in ("coder.json", "coder.npz"):
        (folder / name).write_bytes((MODELS_DIR / name).read_bytes())
    return folder


def test_a_coder_made_for_another_feature_layout_is_refused_with_a_clear_message(tmp_path):
    folder = _copy_of_the_shipped_coder(tmp_path)
    spec = json.loads((folder / "coder.json").read_text())
    spec["name"] = "alliance.coder.v1"
    (folder / "coder.json").write_text(json.dumps(spec))
    with pytest.raises(AllianceError) as caught:
        read_coder(folder)
    assert caught.value.code == "C008"
    assert "'alliance.coder.v1'" in str(caught.value) and "alliance train" in str(caught.value)


def test_a_coder_whose_weights_do_not_fit_its_features_is_refused_at_load(tmp_path):
    folder = _copy_of_the_shipped_coder(tmp_path)
    arrays = read_npz(folder / "coder.npz")
    arrays["edited/coef_client"] = arrays["edited/coef_client"][:, :-4]  # as if trained without the position block
    write_npz(folder / "coder.npz", arrays)
    with pytest.raises(AllianceError) as caught:
        read_coder(folder)
    assert caught.value.code == "C008" and "the client model reads" in str(caught.value)
