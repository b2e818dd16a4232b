"""A fitted linear classifier reduced to arrays, so inference is one sparse product.

With calibration (``calib_a``/``calib_b``, one sigmoid per class fitted on grouped
out-of-fold scores: docs/coding.md, "Calibration"), ``proba`` gives probabilities
that mean what they say: of the utterances given 0.8, about 8 in 10 are right.
The label is still the uncalibrated model's best class, so calibration changes the
confidence and the expected counts, never the codes themselves.
"""

from __future__ import annotations

import numpy as np


class LinearModel:
    def __init__(self, classes: list[str], coef: np.ndarray, intercept: np.ndarray, calib_a=None, calib_b=None):
        self.classes = list(classes)
        self.coef = np.asarray(coef, np.float32)
        self.intercept = np.asarray(intercept, np.float32)
        self.calib_a = None if calib_a is None else np.asarray(calib_a, np.float64)
        self.calib_b = None if calib_b is None else np.asarray(calib_b, np.float64)

    @classmethod
    def from_sklearn(cls, estimator, calib_a=None, calib_b=None) -> "LinearModel":
        return cls([str(c) for c in estimator.classes_], estimator.coef_, estimator.intercept_, calib_a, calib_b)

    @property
    def calibrated(self) -> bool:
        return self.calib_a is not None

    def scores(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef.T) + self.intercept

    def raw_proba(self, X, scores=None) -> np.ndarray:
        """The logistic regression's own probabilities (trained with balanced weights: not calibrated)."""
        scores = self.scores(X) if scores is None else scores
        if len(self.classes) == 2:  # sklearn's binary logistic regression: one sigmoid
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p, p])
        scores = scores - scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def proba(self, X, scores=None) -> np.ndarray:
        """Calibrated probabilities where the model carries calibration, else the raw ones."""
        scores = self.scores(X) if scores is None else scores
        if not self.calibrated:
            return self.raw_proba(X, scores)
        s = scores.astype(np.float64)
        if len(self.classes) == 2:  # one calibrator, for the second class (as scikit-learn does)
            p = _expit(-(self.calib_a[0] * s[:, 0] + self.calib_b[0]))
            return np.column_stack([1.0 - p, p])
        p = _expit(-(s * self.calib_a + self.calib_b))
        total = p.sum(axis=1, keepdims=True)
        uniform = np.full_like(p, 1.0 / p.shape[1])
        return np.where(total > 0, p / np.where(total > 0, total, 1.0), uniform)

    def predict_with_proba(self, X) -> tuple[list[str], np.ndarray]:
        """Labels (the best raw class) and the calibrated probabilities of every class."""
        scores = self.scores(X)
        best = scores.argmax(axis=1) if len(self.classes) > 2 else (scores[:, 0] > 0).astype(int)
        return [self.classes[i] for i in best], self.proba(X, scores)

    def predict(self, X) -> tuple[list[str], np.ndarray]:
        labels, p = self.predict_with_proba(X)
        index = {c: i for i, c in enumerate(self.classes)}
        return labels, p[np.arange(len(labels)), [index[label] for label in labels]]


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
