"""Practice room benchmark: typed response -> feedback latency on the demo server, and the verdicts' claim precision.

1. Latency. Starts `alliance demo` (SQLite, a temporary ALLIANCE_HOME) on a free port, signs in as
   demo-learner through the real login form, and posts typed responses to drills, one at a time,
   as the page does (HTMX: only the verdict comes back) and as a plain form post (the whole page).
   Reported: p50/p95/max in ms per kind; target p95 < 300 ms.
2. Precision. Builds drills from AnnoMI's *dev* portion exactly as scripts/build_drills.py builds
   the shipped bank from train, codes each drill's recorded reply as a learner's response would be
   coded (same context, same coder, same claims rule) and checks every asserted code against the
   experts' code of that reply. Target: >= 0.90. Also counted: replies where the verdict asked
   instead of asserting anything. With --all-replies, every expert-coded practitioner reply after
   a client statement counts (not only those that model one of our tasks).

    .venv/bin/python bench/bench_practice.py [--requests 60] [--json out.json] [--no-server]

A benchmark, not a test (docs/benchmarks.md, docs/practice.md).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

RESPONSES = [
    "So you feel alone at the weekends, with nobody to turn to.",
    "What would help you most right now?",
    "Did you ever tell her your name?",
    "You should ask your family for help.",
    "Part of you wants things to change, and part of you is scared of what that would cost.",
    "You're worried it might go wrong again.",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read().decode()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return r.status, data

    def csrf(self, path) -> str:
        _, page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def latency(requests: int) -> dict:
    home = Path(tempfile.mkdtemp(prefix="alliance-bench-practice-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "SECRET_KEY_FILE"}}
    env["ALLIANCE_HOME"] = str(home)
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "alliance.cli.main", "demo", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if Session(port).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the demo server did not start:\n" + (home / "server.log").read_text()[-2000:])
            time.sleep(0.3)
        s = Session(port)
        token = s.csrf("/accounts/login/")
        status, _ = s.request("POST", "/accounts/login/", urlencode(
            {"username": "demo-learner", "password": "alliance-demo", "csrfmiddlewaretoken": token}))
        assert status == 302, status
        from alliance.practice import load_drills

        drills = [d.id for d in load_drills()]
        token = s.csrf(f"/practice-room/drills/{drills[0]}/")
        out = {}
        for kind, headers in (("htmx", {"HX-Request": "true"}), ("page", {})):
            times = []
            for i in range(requests):
                body = urlencode({"response": RESPONSES[i % len(RESPONSES)], "csrfmiddlewaretoken": token})
                path = f"/practice-room/drills/{drills[i % len(drills)]}/"
                t0 = time.perf_counter()
                status, _ = s.request("POST", path, body, {"X-CSRFToken": token, **headers})
                times.append((time.perf_counter() - t0) * 1000)
                assert status == 200, status
            times.sort()
            out[kind] = {"requests": requests, "p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1), "max_ms": round(times[-1], 1)}
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(home, ignore_errors=True)


def precision(all_replies: bool) -> dict:
    from alliance.coding.annomi_data import data_dir, read_annomi_csv
    from alliance.practice import bank
    from alliance.practice.evaluate import claim_precision
    from build_drills import topics_of

    path = data_dir() / "dev.csv"
    transcripts = read_annomi_csv(path)
    if all_replies:
        original = bank._task_for
        bank._task_for = lambda reply, client: original(reply, client) or "reflect"
        try:
            drills = bank.drills_from_transcripts(transcripts, topics=topics_of(path), high_quality_only=False)
        finally:
            bank._task_for = original
        drills = [d for d in drills if d.reply_codes.get("behaviour")]
    else:
        drills = bank.drills_from_transcripts(transcripts, topics=topics_of(path))
    return claim_precision(drills)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--no-server", action="store_true", help="only the precision part")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = {"precision_dev_drills": precision(False), "precision_dev_all_replies": precision(True)}
    for name in ("precision_dev_drills", "precision_dev_all_replies"):
        p = results[name]
        print(f"{name}: {p['drills']} replies, {p['claims']} codes asserted, precision {p['precision']}, "
              f"asked instead on {p['asked_instead']}")
        for code, row in p["per_code"].items():
            print(f"  {code}: {row['agree']}/{row['claims']} = {row['precision']}")
    if not args.no_server:
        results["latency"] = latency(args.requests)
        for kind, row in results["latency"].items():
            print(f"latency ({kind}): p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, max {row['max_ms']} ms over {row['requests']} requests")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
