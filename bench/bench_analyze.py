"""End-to-end analysis benchmark: parse -> code -> metrics -> feedback -> JSON, on one core.

    .venv/bin/python bench/bench_analyze.py [--repeats 5] [--utterances 700]

For the shipped coder and, in the same run, a plain TF-IDF + logistic-regression baseline
(trained here from AnnoMI train), each in its own process pinned to one core with one
thread, it reports: model load time, the first (cold) analysis of a ~700-turn session,
the median warm analysis of it, end-to-end throughput in utterances/s, and peak RSS.

The session is built from AnnoMI dev conversations written out as a plain-text
transcript ("Therapist: ..." / "Client: ..."), so parsing is measured too. Results go
to docs/benchmarks.md, section "End-to-end analysis".
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ONE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "ORT_NUM_THREADS")}


def annomi_dir() -> Path:
    root = os.environ.get("ALLIANCE_DATA_DIR")
    return Path(root) / "annomi" if root else REPO.parent / "shared" / "data" / "annomi"


def read_rows(name: str) -> list[dict]:
    with open(annomi_dir() / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sorted(rows, key=lambda r: (int(r["transcript_id"]), int(r["utterance_id"])))


def session_text(turns: int) -> str:
    """About ``turns`` speaker turns of AnnoMI dev, as a plain-text transcript."""
    lines, last, count = [], None, 0
    for row in read_rows("dev.csv") * 4:
        who = "Therapist" if row["interlocutor"] == "therapist" else "Client"
        if who != last:
            if count == turns:
                break
            count += 1
            last = who
        lines.append(f"{who}: {' '.join(row['utterance_text'].split())}")
    return "\n".join(lines) + "\n"


# --- the baseline: TF-IDF + logistic regression, one model per role -------------------

def train_baseline(path: Path) -> float:
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    started = time.perf_counter()
    rows = read_rows("train.csv")
    therapist = [r for r in rows if r["interlocutor"] == "therapist"]
    client = [r for r in rows if r["interlocutor"] == "client"]

    def model():
        return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                             LogisticRegression(max_iter=2000, C=4.0, random_state=0))

    def full_label(r):
        b = r["main_therapist_behaviour"]
        sub = {"question": r["question_subtype"], "reflection": r["reflection_subtype"],
               "therapist_input": r["therapist_input_subtype"]}.get(b, "n/a")
        return f"{b}:{sub}"

    practitioner = model().fit([r["utterance_text"] for r in therapist], [full_label(r) for r in therapist])
    talk = model().fit([r["utterance_text"] for r in client], [r["client_talk_type"] for r in client])
    joblib.dump({"practitioner": practitioner, "client": talk}, path)
    return time.perf_counter() - started


class BaselineCoder:
    """The same Coder contract as the shipped one, with TF-IDF + LR inside."""

    name = "tfidf-lr-baseline"

    def __init__(self, path: Path):
        import hashlib

        import joblib

        self.artifact_hash = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        models = joblib.load(path)
        self.practitioner, self.client = models["practitioner"], models["client"]

    def code(self, transcript, progress=None):
        from alliance.coding.codes import Codes

        utterances = transcript.utterances
        p_idx = [i for i, u in enumerate(utterances) if u.role == "practitioner"]
        c_idx = [i for i, u in enumerate(utterances) if u.role == "client"]
        codes = [Codes() for _ in utterances]
        if p_idx:
            for i, label in zip(p_idx, self.practitioner.predict([utterances[i].text for i in p_idx])):
                behaviour, sub = label.split(":")
                sub = None if sub == "n/a" else sub
                codes[i] = Codes(behaviour=behaviour, question=sub if behaviour == "question" else None,
                                 reflection=sub if behaviour == "reflection" else None,
                                 input=sub if behaviour == "therapist_input" else None)
        if c_idx:
            for i, label in zip(c_idx, self.client.predict([utterances[i].text for i in c_idx])):
                codes[i] = Codes(client_talk=label)
        if progress:
            progress(len(utterances), len(utterances))
        return codes


# --- one measured process per coder ----------------------------------------------------

def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, session_path: Path, baseline_path: Path, repeats: int) -> dict:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    import alliance.analysis  # noqa: F401  (imports are not model load time)
    from alliance.analysis import analyze_transcript
    from alliance.feedback import give_feedback
    from alliance.metrics import session_metrics
    from alliance.transcripts import parse

    rss_before = peak_rss_mb()
    started = time.perf_counter()
    if kind == "shipped":
        from alliance.coding import load_coder

        coder = load_coder()
    else:
        coder = BaselineCoder(baseline_path)
    load_s = time.perf_counter() - started
    text = session_text_from(session_path)

    stages: dict[str, list[float]] = {"parse": [], "code": [], "metrics_feedback": [], "json": []}

    def once() -> tuple[float, int]:
        t0 = time.perf_counter()
        transcript = parse(text, format="text", practitioner="Therapist")
        t1 = time.perf_counter()
        analysis = analyze_transcript(transcript, coder)
        t2 = time.perf_counter()
        data = analysis.to_dict()
        json.dumps(data, ensure_ascii=False)
        t3 = time.perf_counter()
        # Metrics and feedback again on their own, to split them from the coder's time.
        metrics = session_metrics(transcript, analysis.codes)
        give_feedback(transcript, analysis.codes, metrics)
        t4 = time.perf_counter()
        for key, value in (("parse", t1 - t0), ("code", t2 - t1 - (t4 - t3)), ("metrics_feedback", t4 - t3), ("json", t3 - t2)):
            stages[key].append(value)
        return t3 - t0, len(data["utterances"])

    cold_s, n = once()
    for values in stages.values():
        values.clear()
    warm = sorted(once()[0] for _ in range(repeats))
    return {
        **{f"{k}_ms": round(1000 * sorted(v)[len(v) // 2], 1) for k, v in stages.items()},
        "coder": kind,
        "model": getattr(coder, "name", kind),
        "utterances": n,
        "load_s": round(load_s, 3),
        "cold_session_s": round(cold_s, 3),
        "session_s": round(warm[len(warm) // 2], 3),
        "utterances_per_s": round(n * len(warm) / sum(warm)),
        "rss_before_model_mb": round(rss_before),
        "peak_rss_mb": round(peak_rss_mb()),
    }


def session_text_from(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--utterances", type=int, default=700)
    parser.add_argument("--worker", choices=("shipped", "baseline"))
    parser.add_argument("--session", type=Path)
    parser.add_argument("--baseline", type=Path)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.session, args.baseline, args.repeats)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        session = Path(tmp) / "session.txt"
        session.write_text(session_text(args.utterances), encoding="utf-8")
        baseline = Path(tmp) / "baseline.joblib"
        train_s = train_baseline(baseline)
        results = []
        for kind in ("shipped", "baseline"):
            cmd = [sys.executable, __file__, "--worker", kind, "--session", str(session),
                   "--baseline", str(baseline), "--repeats", str(args.repeats)]
            done = subprocess.run(cmd, env={**os.environ, **ONE_THREAD}, capture_output=True, text=True)
            if done.returncode != 0:
                print(f"{kind}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
                continue
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"baseline trained in {train_s:.1f} s (not part of the measurements)")
    keys = ["utterances", "load_s", "cold_session_s", "session_s", "utterances_per_s", "rss_before_model_mb", "peak_rss_mb",
            "parse_ms", "code_ms", "metrics_feedback_ms", "json_ms"]
    print("| coder | " + " | ".join(keys) + " |")
    print("| --- " * (len(keys) + 1) + "|")
    for r in results:
        print(f"| {r['model']} | " + " | ".join(str(r[k]) for k in keys) + " |")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
