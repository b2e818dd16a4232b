"""Save and load a coder as plain files: ``coder.json`` + ``coder.npz``, no pickle.

The npz is written with fixed zip timestamps so the same model gives the same
bytes, and ``artifact_hash`` (sha256 over both files) identifies it.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np

# The feature layout this code builds; an artifact made for another one cannot be read.
# v2 added the other person's next-turn cues and the position in the session; v3 adds
# calibrated probabilities (two numbers per class) and a second variant for captions (variants.py).
CODER_NAME = "alliance.coder.v3"
FILES = ("coder.json", "coder.npz")
MANIFEST = "manifest.json"


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.save(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue())


def read_npz(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def artifact_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def code_hash() -> str:
    """sha256 of the source files that decide what training produces."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in TRAINING_SOURCES:
        digest.update(name.encode())
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


TRAINING_SOURCES = (
    "annomi_data.py",
    "artifact.py",
    "augment.py",
    "calibration.py",
    "variants.py",
    "context.py",
    "surface_cues.py",
    "features.py",
    "linear.py",
    "static_embeddings.py",
    "tasks.py",
    "training.py",
    "wordpiece.py",
)
