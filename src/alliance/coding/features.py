"""Turn utterances in context into one sparse feature row each.

Blocks (weights in ``BLOCK_WEIGHTS``): word and character TF-IDF of the
utterance, hand cues (``surface_cues.py``) of the utterance and of the other person's
previous and next turns, static MiniLM embeddings of the utterance, the other
person's previous turn and the other person's next turn, where the utterance
falls in the session, and, for short answers only, the turn they answer.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from alliance.coding.context import Neighbours
from alliance.coding.static_embeddings import StaticEmbedder
from alliance.coding.surface_cues import CUE_NAMES, cues

BLOCK_WEIGHTS = {
    "tfidf": 1.0,
    "cues": 1.0,
    "cues_prev_other": 0.5,
    "cues_next_other": 0.5,
    "emb": 1.0,
    "emb_prev_other": 0.7,
    "emb_next_other": 0.5,
    "position": 1.0,
    "short_answer_context": 1.0,
}
SHORT_ANSWER_WORDS = 3  # "Yeah.", "I guess so.": their meaning comes from the turn they answer
POSITION_NAMES = ("relative_position", "first_5_percent", "last_10_percent", "first_3_utterances")
WORD_OPTIONS = dict(ngram_range=(1, 2), sublinear_tf=True, min_df=2, dtype=np.float32)
CHAR_OPTIONS = dict(
    analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=3, max_features=40000, dtype=np.float32
)


def _vectorizer(options: dict, vocabulary: list[str] | None = None, idf=None) -> TfidfVectorizer:
    vectorizer = TfidfVectorizer(**options)
    if vocabulary is not None:
        vectorizer.set_params(vocabulary={term: i for i, term in enumerate(vocabulary)}, max_features=None, min_df=1)
        vectorizer.fit(["x"])  # sets the fixed vocabulary; idf is replaced next
        vectorizer.idf_ = np.asarray(idf, dtype=np.float64)
    return vectorizer


class ContextFeatures:
    """Fit on training texts; ``transform`` gives a CSR matrix, one row per utterance."""

    def __init__(self, embedder: StaticEmbedder):
        self.embedder = embedder

    def fit(self, texts: list[str]) -> "ContextFeatures":
        self.word_ = TfidfVectorizer(**WORD_OPTIONS).fit(texts)
        self.char_ = TfidfVectorizer(**CHAR_OPTIONS).fit(texts)
        return self

    def transform(self, texts: list[str], near: Neighbours) -> sp.csr_matrix:
        w = BLOCK_WEIGHTS
        tfidf = sp.hstack([self.word_.transform(texts), self.char_.transform(texts)], format="csr")
        hand = np.array([cues(t) for t in texts], np.float32).reshape(len(texts), len(CUE_NAMES))
        emb = self.embedder.embed(texts)
        blocks = [
            tfidf * w["tfidf"],
            sp.csr_matrix(hand * w["cues"]),
            sp.csr_matrix(_take(hand, near.prev_other) * w["cues_prev_other"]),
            sp.csr_matrix(emb * w["emb"]),
            sp.csr_matrix(_take(emb, near.prev_other) * w["emb_prev_other"]),
            sp.csr_matrix(_take(emb, near.next_other) * w["emb_next_other"]),
            sp.csr_matrix(_take(hand, near.next_other) * w["cues_next_other"]),
            sp.csr_matrix(_position(near) * w["position"]),
            sp.csr_matrix(_short_answer_context(texts, hand, emb, near) * w["short_answer_context"]),
        ]
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    @property
    def n_features(self) -> int:
        """Columns of ``transform``'s matrix: both vocabularies, three cue blocks, three embeddings, position."""
        dims = self.embedder.table.shape[1]
        vocab = len(self.word_.vocabulary_) + len(self.char_.vocabulary_)
        return vocab + 3 * len(CUE_NAMES) + 3 * dims + len(POSITION_NAMES) + len(CUE_NAMES) + dims

    # Storage: plain lists and arrays, so the artifact needs no pickle.
    def vocabularies(self) -> dict:
        return {"word": _terms(self.word_), "char": _terms(self.char_)}

    def arrays(self) -> dict:
        return {"idf_word": self.word_.idf_.astype(np.float64), "idf_char": self.char_.idf_.astype(np.float64)}

    @classmethod
    def restore(cls, embedder: StaticEmbedder, vocabularies: dict, arrays: dict) -> "ContextFeatures":
        features = cls(embedder)
        features.word_ = _vectorizer(WORD_OPTIONS, vocabularies["word"], arrays["idf_word"])
        features.char_ = _vectorizer(CHAR_OPTIONS, vocabularies["char"], arrays["idf_char"])
        return features


def _terms(vectorizer: TfidfVectorizer) -> list[str]:
    terms = [""] * len(vectorizer.vocabulary_)
    for term, index in vectorizer.vocabulary_.items():
        terms[index] = term
    return terms


def _take(matrix: np.ndarray, rows: list[int]) -> np.ndarray:
    index = np.asarray(rows, dtype=np.int64)
    out = matrix[np.maximum(index, 0)].copy()
    out[index < 0] = 0.0
    return out


def _short_answer_context(texts: list[str], hand: np.ndarray, emb: np.ndarray, near: Neighbours) -> np.ndarray:
    """For short answers only, the turn they answer (its cues and embedding) once more.

    The shared previous-turn blocks weigh context the same for every utterance; this
    block lets a short "Yeah." after "So you want to cut down?" count as change talk
    without moving longer turns (docs/coding.md, "Client talk in context").
    """
    short = np.array([len(t.split()) <= SHORT_ANSWER_WORDS for t in texts], np.float32)[:, None]
    return np.hstack([_take(hand, near.prev_other), _take(emb, near.prev_other)]) * short


def _position(near: Neighbours) -> np.ndarray:
    """Where each utterance falls in its session (``POSITION_NAMES``): a session has an arc."""
    p = np.asarray(near.position, np.float32)
    i = np.asarray(near.index)
    return np.column_stack([p, p < 0.05, p > 0.9, i < 3]).astype(np.float32)
