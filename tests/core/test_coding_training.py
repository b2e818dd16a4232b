from __future__ import annotations

import shutil

import pytest

from alliance.coding import load_coder, train
from alliance.coding.annomi_data import read_annomi_csv
from alliance.coding.artifact import artifact_hash
from alliance.coding.coder import MODELS_DIR
from alliance.errors import AllianceError
from tests.core.coding_samples import write_small_annomi


@pytest.fixture
def small(tmp_path):
    return read_annomi_csv(write_small_annomi(tmp_path / "train.csv"))


def test_training_twice_on_the_same_data_gives_the_same_artifact(tmp_path, small):
    first = train(out_dir=tmp_path / "a", transcripts=small, seed=7)
    second = train(out_dir=tmp_path / "b", transcripts=small, seed=7)
    assert first.artifact_hash == second.artifact_hash == artifact_hash(tmp_path / "a")


def test_different_data_gives_a_different_artifact(tmp_path, small):
    first = train(out_dir=tmp_path / "a", transcripts=small)
    second = train(out_dir=tmp_path / "b", transcripts=small[:1])
    assert first.artifact_hash != second.artifact_hash


def test_a_trained_folder_loads_as_a_coder_that_codes(tmp_path, small):
    train(out_dir=tmp_path / "model", transcripts=small)
    coder = load_coder(tmp_path / "model")
    codes = coder.code(small[0])
    assert len(codes) == len(small[0].utterances)
    assert codes[0].behaviour in ("question", "reflection", "therapist_input", "other")


def test_the_report_counts_what_was_trained(tmp_path, small):
    report = train(out_dir=tmp_path / "m", transcripts=small)
    assert report.n_transcripts == 2
    assert report.n_utterances == 30
    assert report.per_task["edited/therapist"] == 15
    assert report.per_task["edited/client"] == 15
    assert report.per_task["captions/therapist"] == 30  # with a speech-to-text copy of each conversation
    assert report.table_reused is True


def test_progress_reports_each_stage(tmp_path, small):
    stages = []
    train(out_dir=tmp_path / "m", transcripts=small, progress=lambda stage, done, total: stages.append(stage))
    assert stages[0] == "features (edited)" and stages[-1] == "fit (captions)"


def test_a_data_folder_without_train_csv_is_a_clear_error(tmp_path):
    with pytest.raises(AllianceError) as error:
        train(tmp_path, tmp_path / "out")
    assert str(error.value) == (
        f"{tmp_path}: the training data folder has no train.csv (expected AnnoMI's train.csv and dev.csv). "
        "Set ALLIANCE_DATA_DIR or pass --data."
    )


def test_a_folder_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(AllianceError) as error:
        load_coder(tmp_path)
    assert str(error.value) == (
        f"{tmp_path}: no trained coder here (expected coder.json and coder.npz). Train one with: alliance train"
    )


def test_a_damaged_model_is_a_clear_error(tmp_path):
    shutil.copytree(MODELS_DIR, tmp_path / "m")
    (tmp_path / "m" / "coder.json").write_text("{}")
    with pytest.raises(AllianceError) as error:
        load_coder(tmp_path / "m")
    assert str(error.value).startswith(f"{tmp_path / 'm'}: the coder artifact cannot be used (KeyError")
