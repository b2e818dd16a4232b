"""The shipped coder: every utterance of a transcript gets its codes."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from alliance.coding.artifact import CODER_NAME, FILES, artifact_hash, read_npz
from alliance.coding.codes import Codes
from alliance.coding.context import neighbours
from alliance.coding.features import ContextFeatures
from alliance.coding.linear import LinearModel
from alliance.coding.rules import advice_without_permission, is_affirmation
from alliance.coding.static_embeddings import StaticEmbedder, load_vocab
from alliance.coding.tasks import TASKS
from alliance.errors import AllianceError
from alliance.transcripts.model import Transcript

MODELS_DIR = Path(__file__).parent / "models"


class Coder:
    """Codes utterances with one feature pipeline and a linear model per task."""

    def __init__(self, name: str, features: ContextFeatures, models: dict[str, LinearModel], artifact_hash: str):
        self.name = name
        self.features = features
        self.models = models
        self.artifact_hash = artifact_hash

    def predict(self, transcripts: list[Transcript]) -> dict[str, list]:
        """Per task, a (label, confidence) per utterance of all ``transcripts`` in order; None off-role."""
        utterances = [u for t in transcripts for u in t.utterances]
        if not utterances:
            return {name: [] for name in self.models}
        X = self.features.transform([u.text for u in utterances], neighbours(transcripts))
        out: dict[str, list] = {}
        for name, model in self.models.items():
            role = TASKS[name].role
            rows = [i for i, u in enumerate(utterances) if u.role == role]
            answers: list = [None] * len(utterances)
            if rows:
                labels, confidence = model.predict(X[rows])
                for i, label, c in zip(rows, labels, confidence):
                    answers[i] = (label, float(c))
            out[name] = answers
        return out

    def code(self, transcript: Transcript, progress=None) -> list[Codes]:
        predicted = self.predict([transcript])
        roles = [u.role for u in transcript.utterances]
        texts = [u.text for u in transcript.utterances]
        codes: list[Codes] = []
        total = len(texts)
        for i, role in enumerate(roles):
            if role == "practitioner":
                behaviour, confidence = predicted["therapist"][i]
                input_type = predicted["input"][i][0] if behaviour == "therapist_input" else None
                codes.append(
                    Codes(
                        behaviour=behaviour,
                        question=predicted["question"][i][0] if behaviour == "question" else None,
                        reflection=predicted["reflection"][i][0] if behaviour == "reflection" else None,
                        input=input_type,
                        advice_without_permission=advice_without_permission(roles, texts, i, input_type),
                        affirmation=is_affirmation(texts[i]),
                        confidence=round(confidence, 4),
                    )
                )
            elif role == "client":
                talk, confidence = predicted["client"][i]
                codes.append(Codes(client_talk=talk, confidence=round(confidence, 4)))
            else:
                codes.append(Codes())
            if progress and (i + 1 == total or (i + 1) % 100 == 0):
                progress("code", i + 1, total)
        return codes


def read_coder(folder: Path) -> Coder:
    folder = Path(folder)
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise AllianceError("C007", path=str(folder), expected=" and ".join(FILES))
    try:
        spec = json.loads((folder / "coder.json").read_text(encoding="utf-8"))
        made = spec["name"]
        if made != CODER_NAME:
            detail = f"it was made as {made!r}; this Alliance reads {CODER_NAME!r}"
            raise AllianceError("C008", path=str(folder), detail=detail)
        arrays = read_npz(folder / "coder.npz")
        embedder = StaticEmbedder(arrays["static_table"], load_vocab())
        features = ContextFeatures.restore(embedder, spec["vocabularies"], arrays)
        models = {
            name: LinearModel(spec["classes"][name], arrays[f"coef_{name}"], arrays[f"intercept_{name}"])
            for name in spec["classes"]
        }
        for name, model in models.items():
            if model.coef.shape[1] != features.n_features:
                raise ValueError(f"the {name} model reads {model.coef.shape[1]} features, not {features.n_features}")
    except (KeyError, ValueError, OSError) as exc:
        raise AllianceError("C008", path=str(folder), detail=f"{type(exc).__name__}: {exc}") from None
    return Coder(spec["name"], features, models, artifact_hash(folder))


@lru_cache(maxsize=4)
def _cached(folder: str) -> Coder:
    return read_coder(Path(folder))


def load_coder(path=None) -> Coder:
    """The coder in ``path`` (a folder), by default the one shipped in the package; cached."""
    return _cached(str(Path(path).resolve()) if path is not None else str(MODELS_DIR))
