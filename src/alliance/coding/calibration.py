"""Fit one task's logistic regression with probabilities calibrated on grouped folds.

scikit-learn's ``CalibratedClassifierCV`` (sigmoid, ``ensemble=False``) scores every
training utterance with a model that never saw its conversation's source group,
fits one sigmoid per class on those scores, then refits the model on all the data.
We keep the final model's weights and the sigmoids' two numbers per class, so the
artifact stays plain arrays (docs/coding.md, "Calibration").
"""

from __future__ import annotations

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from alliance.coding.linear import LinearModel

FOLDS = 5


def grouped_splits(y: list[str], groups: list[str], folds: int = FOLDS) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """Splits by group in which every training part holds every class; None when the data is too small."""
    unique = sorted(set(groups))
    n = min(folds, len(unique))
    if n < 2:
        return None
    labels = np.asarray(y)
    classes = set(labels.tolist())
    splits = list(GroupKFold(n_splits=n).split(np.zeros(len(labels)), labels, groups))
    if any(set(labels[train].tolist()) != classes for train, _ in splits):
        return None
    return splits


def fit_task(X, y: list[str], groups: list[str], *, C: float, class_weight, seed: int) -> LinearModel:
    """A linear model for one task; calibrated when the data allows grouped folds."""
    estimator = LogisticRegression(C=C, class_weight=class_weight, max_iter=5000, random_state=seed)
    splits = grouped_splits(y, groups)
    if splits is None:
        return LinearModel.from_sklearn(estimator.fit(X, y))
    calibrated = CalibratedClassifierCV(estimator, method="sigmoid", cv=splits, ensemble=False).fit(X, y)
    fitted = calibrated.calibrated_classifiers_[0]
    a = np.array([c.a_ for c in fitted.calibrators], np.float64)
    b = np.array([c.b_ for c in fitted.calibrators], np.float64)
    return LinearModel.from_sklearn(fitted.estimator, a, b)
