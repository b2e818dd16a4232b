"""Batch scaling benchmark: in process vs a Dask LocalCluster of 1 and 2 workers, same run.

    .venv/bin/python bench/bench_batch.py [--sizes 600,3000] [--runs here,1,2]

Transcripts are written from AnnoMI dev (../shared/data/annomi, or $ALLIANCE_DATA_DIR/annomi)
as CSV files (speaker, text, role), one per conversation, cycling through the dev
conversations; the practitioner speaker is one of twelve invented names so the sessions
table has practitioners to group by. Every run is `run_batch(..., outs=[results.parquet,
results.jsonl])` in a fresh process (the wall time includes starting the cluster and loading
the coder, as a person running `alliance batch` would wait), with one BLAS thread
everywhere. It reports wall time, utterances/s, each worker's own utterances/s (busy time)
and peak memory (VmHWM), the client's peak memory, the load average around the run, and
checks that every run's JSONL and Parquet tables equal the in-process run's.
Results go to docs/benchmarks.md, section "Batch analysis".
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
PRACTITIONERS = ("Ana Silva", "Ben Carter", "Chloe Nguyen", "Dev Patel", "Elif Yilmaz", "Femi Okoro",
                 "Grace Lee", "Hugo Martin", "Ines Costa", "Jonas Berg", "Kemi Adebayo", "Lena Fischer")


def annomi_dir() -> Path:
    root = os.environ.get("ALLIANCE_DATA_DIR")
    return Path(root) / "annomi" if root else REPO.parent / "shared" / "data" / "annomi"


def conversations() -> list[list[dict]]:
    with open(annomi_dir() / "dev.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_id: dict[int, list[dict]] = {}
    for r in rows:
        by_id.setdefault(int(r["transcript_id"]), []).append(r)
    return [sorted(v, key=lambda r: int(r["utterance_id"])) for _, v in sorted(by_id.items())]


def write_corpus(folder: Path, count: int) -> tuple[int, int]:
    """``count`` CSV transcripts; returns (utterances, bytes)."""
    convs = conversations()
    folder.mkdir(parents=True, exist_ok=True)
    utterances = size = 0
    for i in range(count):
        rows = convs[i % len(convs)]
        who = PRACTITIONERS[i % len(PRACTITIONERS)]
        path = folder / f"session_{i:05d}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["speaker", "text", "role"])
            for r in rows:
                therapist = r["interlocutor"] == "therapist"
                out.writerow([who if therapist else "Client", " ".join(r["utterance_text"].split()),
                              "practitioner" if therapist else "client"])
        utterances += len(rows)
        size += path.stat().st_size
    return utterances, size


def child(folder: str, out: str, workers: int) -> dict:
    """One measured run, in its own process."""
    from alliance.batch import run_batch
    from alliance.batch.work import peak_rss_mb

    started = time.perf_counter()
    summary = run_batch([folder], outs=[out + ".parquet", out + ".jsonl"], workers=workers)
    wall = time.perf_counter() - started
    data = summary.to_dict()
    data.pop("skipped_files")
    return {**data, "wall_s": round(wall, 2), "client_peak_rss_mb": peak_rss_mb()}


def same_results(a: str, b: str) -> bool:
    import pyarrow.parquet as pq

    return (Path(a + ".jsonl").read_bytes() == Path(b + ".jsonl").read_bytes()
            and pq.read_table(a + ".parquet").equals(pq.read_table(b + ".parquet")))


def coder(worker: dict) -> str:
    return "inherited" if worker.get("coder_inherited") else f"loaded in {worker['coder_load_s']} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="600,3000")
    parser.add_argument("--runs", default="here,1,2", help="comma-separated: here (in process) and worker counts")
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "OUT", "WORKERS"))
    args = parser.parse_args()
    if args.child:
        folder, out, workers = args.child
        print(json.dumps(child(folder, out, int(workers))))
        return

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"corpus{size}"
            utterances, nbytes = write_corpus(folder, size)
            print(f"{size} transcripts, {utterances} utterances, {nbytes / 1e6:.1f} MB", file=sys.stderr)
            reference = None
            for run in args.runs.split(","):
                workers = 0 if run == "here" else int(run)
                out = str(Path(tmp) / f"out{size}-{run}")
                load_before = os.getloadavg()[0]
                cmd = [sys.executable, __file__, "--child", str(folder), out, str(workers)]
                done = subprocess.run(cmd, env={**os.environ, **ONE_THREAD}, capture_output=True, text=True)
                load_after = os.getloadavg()[0]
                if done.returncode != 0:
                    print(f"{size}/{run}: failed\n{done.stderr[-3000:]}", file=sys.stderr)
                    continue
                result = json.loads(done.stdout.strip().splitlines()[-1])
                reference = reference or out
                result.update(size=size, run=run, load_before=round(load_before, 2), load_after=round(load_after, 2),
                              identical=same_results(out, reference))
                rows.append(result)
                print(json.dumps(result), file=sys.stderr)

    print("| transcripts | run | wall s | utterances/s | vs in process | per worker: utterances/s (busy), peak MB, coder | client peak MB | identical | load avg before → after |")
    print("| ---: | --- | ---: | ---: | ---: | --- | ---: | --- | --- |")
    base = {}
    for r in rows:
        if r["run"] == "here":
            base[r["size"]] = r["wall_s"]
        name = "in process" if r["run"] == "here" else f"{r['run']} worker(s)"
        per = "; ".join(f"{w['utterances_per_second']:,.0f}, {w['peak_rss_mb']:.0f}, {coder(w)}" for w in r["workers"]) if r["run"] != "here" else "—"
        ratio = r["wall_s"] / base[r["size"]] if r["size"] in base else float("nan")
        print(f"| {r['size']:,} | {name} | {r['wall_s']:.1f} | {r['utterances_per_second']:,.0f} | {ratio:.2f}× | {per} | "
              f"{r['client_peak_rss_mb']:.0f} | {'yes' if r['identical'] else 'NO'} | {r['load_before']} → {r['load_after']} |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
