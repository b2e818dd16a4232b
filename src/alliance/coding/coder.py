"""The shipped coder: every utterance of a transcript gets its codes."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from alliance.coding.artifact import CODER_NAME, FILES, artifact_hash, read_npz
from alliance.coding.codes import Codes
from alliance.coding.context import neighbours
from alliance.coding.features import ContextFeatures
from alliance.coding.linear import LinearModel
from alliance.coding.rules import advice_without_permission, is_affirmation
from alliance.coding.static_embeddings import StaticEmbedder, load_vocab
from alliance.coding.tasks import TASKS
from alliance.coding.variants import variant_for
from alliance.errors import AllianceError
from alliance.transcripts.model import Transcript

MODELS_DIR = Path(__file__).parent / "models"


class Variant:
    """One feature pipeline and a linear model per task (``variants.py``)."""

    def __init__(self, features: ContextFeatures, models: dict[str, LinearModel]):
        self.features = features
        self.models = models


class Coder:
    """Codes utterances with the variant that suits each transcript (edited text or captions)."""

    def __init__(self, name: str, variants: dict[str, Variant], artifact_hash: str):
        self.name = name
        self.variants = variants
        self.artifact_hash = artifact_hash

    @property
    def models(self) -> dict[str, LinearModel]:
        return self.variants["edited"].models

    def variant_for(self, transcript: Transcript) -> str:
        chosen = variant_for(transcript)
        return chosen if chosen in self.variants else "edited"

    def predict(self, transcripts: list[Transcript]) -> dict[str, list]:
        """Per task, a (label, confidence) per utterance of all ``transcripts`` in order; None off-role."""
        return {
            name: [None if a is None else (a[0], a[1][a[0]]) for a in answers]
            for name, answers in self.predict_distributions(transcripts).items()
        }

    def predict_distributions(self, transcripts: list[Transcript]) -> dict[str, list]:
        """Per task, a (label, {class: calibrated probability}) per utterance; None off-role."""
        chosen = [self.variant_for(t) for t in transcripts]
        if len(set(chosen)) <= 1:
            return self._predict(self.variants[chosen[0] if chosen else "edited"], transcripts)
        parts = {v: self._predict(self.variants[v], [t for t, c in zip(transcripts, chosen) if c == v]) for v in set(chosen)}
        taken = dict.fromkeys(parts, 0)
        out: dict[str, list] = {name: [] for name in self.models}
        for t, v in zip(transcripts, chosen):
            n, start = len(t.utterances), taken[v]
            for name in out:
                out[name].extend(parts[v][name][start:start + n])
            taken[v] = start + n
        return out

    def _predict(self, variant: Variant, transcripts: list[Transcript]) -> dict[str, list]:
        utterances = [u for t in transcripts for u in t.utterances]
        if not utterances:
            return {name: [] for name in variant.models}
        X = variant.features.transform([u.text for u in utterances], neighbours(transcripts))
        out: dict[str, list] = {}
        for name, model in variant.models.items():
            role = TASKS[name].role
            rows = [i for i, u in enumerate(utterances) if u.role == role]
            answers: list = [None] * len(utterances)
            if rows:
                labels, p = model.predict_with_proba(X[rows])
                for i, label, row in zip(rows, labels, p.tolist()):
                    answers[i] = (label, dict(zip(model.classes, row)))
            out[name] = answers
        return out

    def code(self, transcript: Transcript, progress=None) -> list[Codes]:
        predicted = self.predict_distributions([transcript])
        roles = [u.role for u in transcript.utterances]
        texts = [u.text for u in transcript.utterances]
        codes: list[Codes] = []
        total = len(texts)
        for i, role in enumerate(roles):
            if role == "practitioner":
                codes.append(practitioner_codes(predicted, roles, texts, i))
            elif role == "client":
                talk, p = predicted["client"][i]
                codes.append(Codes(client_talk=talk, confidence=round(p[talk], 4), probabilities={"client_talk": p}))
            else:
                codes.append(Codes())
            if progress and (i + 1 == total or (i + 1) % 100 == 0):
                progress("code", i + 1, total)
        return codes


def practitioner_codes(predicted: dict, roles: list[str], texts: list[str], i: int) -> Codes:
    """A practitioner utterance's codes, with the calibrated distributions they came from."""
    behaviour, p_behaviour = predicted["therapist"][i]
    question, p_question = predicted["question"][i]
    reflection, p_reflection = predicted["reflection"][i]
    input_type, p_input = predicted["input"][i]
    probabilities = {"behaviour": p_behaviour, "question": p_question, "reflection": p_reflection, "input": p_input}
    input_type = input_type if behaviour == "therapist_input" else None
    return Codes(
        behaviour=behaviour,
        question=question if behaviour == "question" else None,
        reflection=reflection if behaviour == "reflection" else None,
        input=input_type,
        advice_without_permission=advice_without_permission(roles, texts, i, probabilities),
        affirmation=is_affirmation(texts[i]),
        confidence=round(p_behaviour[behaviour], 4),
        probabilities=probabilities,
    )


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
        embedder = StaticEmbedder(arrays["static_table"].astype(np.float32), load_vocab())
        variants = {name: _read_variant(embedder, part, arrays, f"{name}/") for name, part in spec["variants"].items()}
        if "edited" not in variants:
            raise KeyError("edited")
    except (KeyError, ValueError, OSError) as exc:
        raise AllianceError("C008", path=str(folder), detail=f"{type(exc).__name__}: {exc}") from None
    return Coder(spec["name"], variants, artifact_hash(folder))


def _read_variant(embedder: StaticEmbedder, part: dict, arrays: dict, prefix: str) -> Variant:
    own = {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}
    features = ContextFeatures.restore(embedder, part["vocabularies"], own)
    models = {
        name: LinearModel(
            part["classes"][name], own[f"coef_{name}"], own[f"intercept_{name}"],
            own.get(f"calib_a_{name}"), own.get(f"calib_b_{name}"),
        )
        for name in part["classes"]
    }
    for name, model in models.items():
        if model.coef.shape[1] != features.n_features:
            raise ValueError(f"the {name} model reads {model.coef.shape[1]} features, not {features.n_features}")
    return Variant(features, models)


@lru_cache(maxsize=4)
def _cached(folder: str) -> Coder:
    return read_coder(Path(folder))


def load_coder(path=None) -> Coder:
    """The coder in ``path`` (a folder), by default the one shipped in the package; cached."""
    return _cached(str(Path(path).resolve()) if path is not None else str(MODELS_DIR))
