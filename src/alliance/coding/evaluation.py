"""Score a coder against expert labels in an AnnoMI-format CSV.

Returns macro-F1, accuracy and per-class precision/recall/F1/support, plus a
bootstrap interval for macro-F1 that resamples whole transcripts (utterances in
one conversation are not independent).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from alliance.coding.annomi_data import read_annomi_csv
from alliance.coding.tasks import EVALUATION_TASKS, TASKS
from alliance.errors import AllianceError


def _pairs(coder, transcripts, task_name):
    """(gold, predicted, transcript number) for every utterance with a gold label for the task."""
    task = TASKS[task_name]
    predicted = coder.predict(transcripts)[task_name]
    gold, pred, group = [], [], []
    k = 0
    for number, transcript in enumerate(transcripts):
        for u in transcript.utterances:
            label = task.gold(u.metadata["gold"]) if u.role == task.role else None
            if label is not None and predicted[k] is not None:
                gold.append(label)
                pred.append(predicted[k][0])
                group.append(number)
            k += 1
    return gold, pred, np.asarray(group)


def scores(gold: list[str], pred: list[str], labels: list[str]) -> dict:
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    return {
        "n": len(gold),
        "macro_f1": float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(gold, pred)),
        "per_class": {
            label: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, label in enumerate(labels)
        },
    }


def bootstrap_interval(gold, pred, groups, labels, rounds: int, seed: int, level: float = 0.95) -> dict:
    gold, pred = np.asarray(gold), np.asarray(pred)
    ids = np.unique(groups)
    members = [np.flatnonzero(groups == g) for g in ids]
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(rounds):
        chosen = rng.integers(0, len(ids), len(ids))
        rows = np.concatenate([members[c] for c in chosen])
        values.append(f1_score(gold[rows], pred[rows], labels=labels, average="macro", zero_division=0))
    if not values:  # bootstrap=0: no interval asked for
        return {"low": None, "high": None, "level": level}
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(values, [tail, 1.0 - tail])
    return {"low": float(low), "high": float(high), "level": level}


def evaluate(csv_path, task: str, coder=None, bootstrap: int = 1000, seed: int = 1729) -> dict:
    """Evaluate ``coder`` (default: the shipped one) on ``task`` over the CSV's expert labels."""
    if task not in EVALUATION_TASKS:
        raise AllianceError("C005", task=task, expected=", ".join(EVALUATION_TASKS))
    transcripts = read_annomi_csv(Path(csv_path))
    if coder is None:
        from alliance.coding.coder import load_coder

        coder = load_coder()
    gold, pred, groups = _pairs(coder, transcripts, task)
    if not gold:
        raise AllianceError("C006", path=str(csv_path), task=task)
    labels = list(TASKS[task].labels)
    result = {"task": task, **scores(gold, pred, labels)}
    result["interval"] = bootstrap_interval(gold, pred, groups, labels, bootstrap, seed)
    return result
