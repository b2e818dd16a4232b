"""`alliance train`: trains from an AnnoMI folder into --out, with a progress bar and plain errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from alliance.cli.main import app
from alliance.coding.artifact import artifact_hash
from tests.core.coding_samples import write_small_annomi


def test_train_writes_a_coder_and_prints_its_hash(tmp_path):
    write_small_annomi(tmp_path / "train.csv")
    result = CliRunner().invoke(app, ["train", "--data", str(tmp_path), "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    digest = artifact_hash(tmp_path / "model")
    assert f"artifact sha256 {digest}" in result.stdout
    assert "Trained 30 utterances from 2 transcripts" in result.stdout
    manifest = json.loads((tmp_path / "model" / "manifest.json").read_text())
    assert manifest["artifact_hash"] == digest


def test_the_same_data_and_seed_give_the_same_hash_from_the_command_line(tmp_path):
    write_small_annomi(tmp_path / "train.csv")
    runner = CliRunner()
    for out in ("a", "b"):
        assert runner.invoke(app, ["train", "--data", str(tmp_path), "--out", str(tmp_path / out)]).exit_code == 0
    assert artifact_hash(tmp_path / "a") == artifact_hash(tmp_path / "b")


def test_a_folder_without_training_data_is_one_sentence_and_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["train", "--data", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "the training data folder has no train.csv" in result.stderr
    assert "Traceback" not in result.output
