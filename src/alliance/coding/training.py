"""Train the coder from AnnoMI's train portion, reproducibly (fixed seeds, no pickle)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from alliance.coding.annomi_data import data_dir as default_data_dir
from alliance.coding.annomi_data import group_of, read_annomi_csv, source_groups
from alliance.coding.artifact import (
    CODER_NAME,
    MANIFEST,
    artifact_hash,
    code_hash,
    read_npz,
    write_json,
    write_npz,
)
from alliance.coding.augment import speech_to_text_copy
from alliance.coding.calibration import fit_task
from alliance.coding.context import neighbours
from alliance.coding.features import ContextFeatures
from alliance.coding.static_embeddings import StaticEmbedder, distil_table, load_vocab
from alliance.coding.tasks import TASKS
from alliance.coding.variants import VARIANTS
from alliance.errors import AllianceError

EMBEDDING_DIMS = 128
C_BY_TASK = {"therapist": 1.0, "client": 1.0, "question": 1.0, "reflection": 1.0, "input": 1.0}
# Balanced weights suit the macro-F1 tasks. The input subtype feeds the "advice without
# permission" marker, where a false flag costs more than a miss: unweighted, the model says
# "advice" only when it is the likeliest subtype (grouped CV on train: precision 0.23 -> 0.30,
# recall 0.31 -> 0.26 against AnnoMI's advice subtype; docs/coding.md).
CLASS_WEIGHT_BY_TASK = {"therapist": "balanced", "client": "balanced", "question": "balanced",
                        "reflection": "balanced", "input": None}


@dataclass
class TrainReport:
    out_dir: Path
    artifact_hash: str
    code_hash: str
    n_transcripts: int
    n_utterances: int
    per_task: dict[str, int] = field(default_factory=dict)  # training examples per task
    table_reused: bool = False


def _existing_table(folder: Path) -> np.ndarray | None:
    path = folder / "coder.npz"
    if path.is_file():
        try:
            table = read_npz(path).get("static_table")
        except (OSError, ValueError):
            return None
        if table is not None and table.shape[1] == EMBEDDING_DIMS:
            return table.astype(np.float32)
    return None


def train(
    data_dir=None, out_dir=None, progress=None, seed: int = 1729, transcripts=None, table=None,
    groups: dict[str, str] | None = None, variants: tuple[str, ...] = VARIANTS,
) -> TrainReport:
    """Fit both variants of every task on ``data_dir``/train.csv and write the artifact to ``out_dir``.

    The ``edited`` variant learns the conversations as written; the ``captions``
    variant learns them together with a speech-to-text copy of each (``augment.py``),
    for transcripts without punctuation (``variants.py``). Each task's probabilities
    are calibrated on folds by source group (``groups``: transcript_id -> group, by
    default from the data's split manifest).

    The static embedding table is distilled from MiniLM (needs the ``embeddings``
    extra) unless ``table`` is given or ``out_dir`` already holds one of the right
    size: distilling is the slow step and depends only on MiniLM, not on AnnoMI.
    ``transcripts`` (already read) replaces the CSV, for quick tests. ``variants``
    limits the variants fitted (cross-validation on edited transcripts needs one).
    """
    from alliance.coding.coder import MODELS_DIR

    out = Path(out_dir) if out_dir is not None else MODELS_DIR
    if transcripts is None:
        folder = default_data_dir(data_dir)
        csv_path = folder / "train.csv"
        if not csv_path.is_file():
            raise AllianceError("C009", path=str(folder), name="train.csv")
        transcripts = read_annomi_csv(csv_path)
    if groups is None:
        groups = source_groups(data_dir)
    step = progress or (lambda stage, done, total: None)

    reused = table is not None or _existing_table(out) is not None or _existing_table(MODELS_DIR) is not None
    if table is None:
        table = _existing_table(out)
    if table is None:
        table = _existing_table(MODELS_DIR)
    if table is None:
        table = distil_table(EMBEDDING_DIMS, seed, progress=step)

    # Stored in half precision (half the artifact); every use, training included, reads it back
    # as float32 from those same rounded values, so training and inference see one table.
    table = np.asarray(table, np.float16).astype(np.float32)
    arrays: dict = {"static_table": table.astype(np.float16)}
    spec: dict = {"name": CODER_NAME, "variants": {}}
    per_task: dict[str, int] = {}
    for variant in variants:
        chosen = list(transcripts)
        if variant == "captions":
            chosen += [speech_to_text_copy(t, seed) for t in transcripts]
        part, arrays_v, counts = _fit_variant(chosen, groups, table, seed, step, variant)
        spec["variants"][variant] = part
        arrays.update({f"{variant}/{k}": v for k, v in arrays_v.items()})
        per_task.update({f"{variant}/{k}": n for k, n in counts.items()})

    out.mkdir(parents=True, exist_ok=True)
    write_json(out / "coder.json", spec)
    write_npz(out / "coder.npz", arrays)
    digest = artifact_hash(out)
    n_utterances = sum(len(t.utterances) for t in transcripts)
    report = TrainReport(out, digest, code_hash(), len(transcripts), n_utterances, per_task, reused)
    write_json(
        out / MANIFEST,
        {
            "name": CODER_NAME,
            "artifact_hash": digest,
            "code_hash": report.code_hash,
            "seed": seed,
            "trained_on": "AnnoMI train portion (captions: with a speech-to-text copy of each conversation)",
            "calibrated": sorted(k for k in arrays if "calib_a_" in k),
            "transcripts": report.n_transcripts,
            "utterances": report.n_utterances,
            "examples_per_task": per_task,
        },
    )
    return report


def _fit_variant(transcripts, groups, table, seed, step, variant) -> tuple[dict, dict, dict]:
    utterances = [u for t in transcripts for u in t.utterances]
    utterance_groups = [group_of(t, groups) for t in transcripts for _ in t.utterances]
    texts = [u.text for u in utterances]
    step(f"features ({variant})", 0, 1)
    features = ContextFeatures(StaticEmbedder(table, load_vocab())).fit(texts)
    X = features.transform(texts, neighbours(transcripts))
    step(f"features ({variant})", 1, 1)
    arrays = dict(features.arrays())
    classes: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for k, (name, task) in enumerate(TASKS.items()):
        rows = [i for i, u in enumerate(utterances) if u.role == task.role and task.gold(u.metadata["gold"])]
        y = [task.gold(utterances[i].metadata["gold"]) for i in rows]
        model = fit_task(
            X[rows], y, [utterance_groups[i] for i in rows],
            C=C_BY_TASK[name], class_weight=CLASS_WEIGHT_BY_TASK[name], seed=seed,
        )
        classes[name] = model.classes
        arrays[f"coef_{name}"] = model.coef
        arrays[f"intercept_{name}"] = model.intercept
        if model.calibrated:
            arrays[f"calib_a_{name}"] = model.calib_a
            arrays[f"calib_b_{name}"] = model.calib_b
        counts[name] = len(rows)
        step(f"fit ({variant})", k + 1, len(TASKS))
    return {"classes": classes, "vocabularies": features.vocabularies()}, arrays, counts
