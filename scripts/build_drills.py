"""Build the practice room's drill bank from AnnoMI (train portion) into src/alliance/practice/drills.json.

    .venv/bin/python scripts/build_drills.py [--data ../shared/data/annomi] [--per-task 16]

Deterministic: the same data gives the same file. Each drill keeps its source
(transcript and utterance id) and the licence note. The team-written scenarios live in
written_drills.json and are not touched. bench/bench_practice.py builds drills the same
way from the dev portion to measure the verdicts' precision on sessions the coder never saw.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from alliance.coding.annomi_data import data_dir, read_annomi_csv  # noqa: E402
from alliance.practice.bank import ANNOMI_LICENCE, drills_from_transcripts  # noqa: E402

OUT = REPO / "src" / "alliance" / "practice" / "drills.json"


def topics_of(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["transcript_id"].strip(): " ".join((row.get("topic") or "").split()) for row in csv.DictReader(handle)}


def build(path: Path, per_task: int):
    return drills_from_transcripts(read_annomi_csv(path), per_task=per_task, topics=topics_of(path))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the AnnoMI folder (default ../shared/data/annomi)")
    parser.add_argument("--per-task", type=int, default=16)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    path = data_dir(args.data) / "train.csv"
    drills = build(path, args.per_task)
    payload = {
        "about": "Practice drills from AnnoMI's train portion, built by scripts/build_drills.py.",
        "licence": ANNOMI_LICENCE,
        "drills": [d.to_dict() for d in drills],
    }
    args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for d in drills:
        counts[d.task] = counts.get(d.task, 0) + 1
    print(f"{len(drills)} drills -> {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
