"""A fitted linear classifier reduced to arrays, so inference is one sparse product."""

from __future__ import annotations

import numpy as np


class LinearModel:
    def __init__(self, classes: list[str], coef: np.ndarray, intercept: np.ndarray):
        self.classes = list(classes)
        self.coef = np.asarray(coef, np.float32)
        self.intercept = np.asarray(intercept, np.float32)

    @classmethod
    def from_sklearn(cls, estimator) -> "LinearModel":
        return cls([str(c) for c in estimator.classes_], estimator.coef_, estimator.intercept_)

    def proba(self, X) -> np.ndarray:
        scores = np.asarray(X @ self.coef.T) + self.intercept
        if len(self.classes) == 2:  # sklearn's binary logistic regression: one sigmoid
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p, p])
        scores = scores - scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, X) -> tuple[list[str], np.ndarray]:
        p = self.proba(X)
        best = p.argmax(axis=1)
        return [self.classes[i] for i in best], p[np.arange(len(best)), best]
