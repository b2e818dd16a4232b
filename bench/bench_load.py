"""Load benchmark: the real server (`alliance serve`, 1 or 2 processes) under 8 and 32 concurrent users.

For each database (SQLite in a temporary ALLIANCE_HOME; PostgreSQL in a private throwaway cluster,
started here like scripts/test does), it starts, side by side on a fresh database each,
`alliance serve --processes 1` and `alliance serve --processes 2`, each with a separate
`alliance worker` (the production layout in docs/deployment.md). Then for each number of users it
runs two scenarios for the given seconds per layout, split into rounds that alternate between the
layouts (so a machine busy with other work slows both alike):

- caseload: each user signs in as their own practitioner (20 clients each) and reloads the caseload;
- check-in: each user submits a relationship check-in on a fresh single-use link, as a client would.

Reported per run: requests/s, p50/p95/p99 latency, errors (any answer but 200), and for check-ins the
acknowledged submissions that are not in the database afterwards (lost). The 2-process / 1-process
throughput ratio is printed per scenario. The load generator runs on the same machine (threads, one
keep-alive connection per user), so it competes with the server for the same cores.

    .venv/bin/python bench/bench_load.py [--seconds 60] [--users 8,32] [--processes 1,2]
                                         [--databases sqlite,postgresql] [--json results.json]

This is a benchmark, not a test: tests/cli/test_production_setup.py runs it for a few seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

PY = sys.executable
SECRET = "bench-load-secret-key-" + "k" * 40
PASSWORD = "a-long-bench-password"
CLIENTS_PER_USER = 20
ANSWERS = {f"relationship-checkin-{n}": "3" for n in range(1, 6)}


# --- the database under test ----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin")):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@contextlib.contextmanager
def database(kind: str):
    """Yield a function that makes a fresh, empty database and gives its DATABASE_URL ('' for SQLite, which
    lives in ALLIANCE_HOME); a PostgreSQL cluster lives only for the block."""
    if kind == "sqlite":
        yield lambda name: ""
        return
    bin_dir = _pg_bin()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql); run with --databases sqlite")
    work = Path(tempfile.mkdtemp(prefix="alliance-bench-pg-"))
    port = _free_port()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if os.getuid() == 0:
        shutil.chown(work, "postgres")
    data = work / "data"
    subprocess.run([*as_pg, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
                   check=True, capture_output=True)
    # A production-like server: durable commits (fsync on), enough connections for 2 processes x 8 threads + worker.
    subprocess.run([*as_pg, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(work / "log"), "-w", "-o",
                    f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c max_connections=100", "start"],
                   check=True, capture_output=True)
    try:
        psql = [*as_pg, str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qc"]
        subprocess.run([*psql, "CREATE ROLE alliance LOGIN PASSWORD 'alliance'"], check=True, capture_output=True)

        def new_database(name: str) -> str:
            subprocess.run([*psql, f"CREATE DATABASE {name} OWNER alliance"], check=True, capture_output=True)
            return f"postgres://alliance:alliance@127.0.0.1:{port}/{name}"

        yield new_database
    finally:
        subprocess.run([*as_pg, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def environment(home: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_URL_FILE", "SECRET_KEY_FILE"}}
    env.update(ALLIANCE_HOME=str(home), SECRET_KEY=SECRET, ALLIANCE_LOG_LEVEL="WARNING", ALLOWED_HOSTS="127.0.0.1,localhost")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def alliance(env: dict, *args: str) -> None:
    subprocess.run([PY, "-m", "alliance.cli.main", *args], env=env, check=True, capture_output=True)


def helper(env: dict, *args: str) -> str:
    """Run this file's own set-up commands (below) against the database in ``env``."""
    done = subprocess.run([PY, __file__, *args], env=env, check=True, capture_output=True, text=True)
    return done.stdout


# --- set-up commands, run in a subprocess with Django configured from the environment ---------------

def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.web.settings")
    import django

    django.setup()


def seed_users(count: int) -> None:
    _django()
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from alliance.records.models import Client, Role, Team, User

    team = Team.objects.get_or_create(name="Load Team")[0]
    password = make_password(PASSWORD)
    for i in range(count):
        username = f"load{i:02d}"
        user, created = User.objects.get_or_create(username=username, defaults={"role": Role.PRACTITIONER, "team": team, "password": password})
        if created:
            Client.objects.bulk_create([
                Client(name=f"Load client {i:02d}-{k:02d}", practitioner=user, team=team, opened_on=timezone.localdate())
                for k in range(CLIENTS_PER_USER)
            ])


def seed_links(count: int, out: str) -> None:
    _django()
    import uuid
    from datetime import timedelta

    from django.utils import timezone

    from alliance.records.checkin_service import hash_token, link_token
    from alliance.records.models import CheckinLink, Client

    clients = list(Client.objects.filter(name__startswith="Load client").values_list("pk", flat=True))
    expires = timezone.now() + timedelta(days=7)
    links, tokens = [], []
    for i in range(count):
        link_id = uuid.uuid4()
        token = link_token(link_id)
        tokens.append(token)
        links.append(CheckinLink(id=link_id, token_hash=hash_token(token), client_id=clients[i % len(clients)],
                                 instruments=["relationship-checkin"], language="en", expires_at=expires))
    CheckinLink.objects.bulk_create(links, batch_size=1000)
    Path(out).write_text("\n".join(tokens), encoding="utf-8")


def count_saved(tokens_file: str) -> None:
    _django()
    from alliance.records.checkin_service import hash_token
    from alliance.records.models import CheckinResponse

    hashes = [hash_token(t) for t in Path(tokens_file).read_text(encoding="utf-8").split()]
    saved = 0
    for start in range(0, len(hashes), 500):
        saved += CheckinResponse.objects.filter(link__token_hash__in=hashes[start:start + 500]).count()
    print(saved)


# --- the server and the load ------------------------------------------------------------------------

class Running:
    """`alliance serve --processes P` and a separate `alliance worker`, as deployed."""

    def __init__(self, env: dict, processes: int, threads: int, log_dir: Path):
        self.port = _free_port()
        self.logs = [(log_dir / f"serve-{processes}.log").open("wb"), (log_dir / f"worker-{processes}.log").open("wb")]
        self.server = subprocess.Popen(
            [PY, "-m", "alliance.cli.main", "serve", "--no-migrate", "--port", str(self.port), "--processes", str(processes),
             "--threads", str(threads)], env=env, stdout=self.logs[0], stderr=subprocess.STDOUT)
        self.worker = subprocess.Popen([PY, "-m", "alliance.cli.main", "worker"], env=env, stdout=self.logs[1], stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if self.server.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"alliance serve did not start; see {log_dir}")
                time.sleep(0.2)

    def stop(self) -> None:
        for process in (self.server, self.worker):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.server, self.worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()


class Session:
    """One user's keep-alive connection, with cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def sign_in(self, username: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.request("POST", "/accounts/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
        if status != 302:
            raise SystemExit(f"could not sign in as {username} (HTTP {status})")


def run_load(port: int, users: int, seconds: float, scenario: str, tokens: queue.Queue | None) -> dict:
    latencies: list[float] = []
    errors = [0]
    acknowledged = [0]
    lock = threading.Lock()
    sessions = [Session(port) for _ in range(users)]
    if scenario == "caseload":
        for i, session in enumerate(sessions):
            session.sign_in(f"load{i:02d}")
    start_line = threading.Barrier(users + 1)
    deadline = [0.0]

    def user(session: Session) -> None:
        mine, bad, acked = [], 0, 0
        start_line.wait()
        while time.perf_counter() < deadline[0]:
            if scenario == "caseload":
                method, path, body = "GET", "/", None
            else:
                try:
                    token = tokens.get_nowait()
                except queue.Empty:
                    break
                method, path, body = "POST", f"/checkin/{token}/", ANSWERS
            began = time.perf_counter()
            try:
                status, _ = session.request(method, path, body)
            except (http.client.HTTPException, OSError):
                status = 0
            mine.append(time.perf_counter() - began)
            if status == 200:
                acked += scenario == "checkin"
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad
            acknowledged[0] += acked

    threads = [threading.Thread(target=user, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return summarise({"latencies": latencies, "seconds": elapsed, "errors": errors[0], "acknowledged": acknowledged[0]})


def summarise(raw: dict) -> dict:
    latencies = sorted(raw["latencies"])

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")

    return {
        "requests": len(latencies), "seconds": round(raw["seconds"], 1), "rps": round(len(latencies) / raw["seconds"], 1),
        "p50_ms": round(pct(50), 1), "p95_ms": round(pct(95), 1), "p99_ms": round(pct(99), 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "errors": raw["errors"], "acknowledged": raw["acknowledged"], "latencies": raw["latencies"],
    }


def bench(args) -> list[dict]:
    """Both server layouts run side by side on their own databases; each run is split into rounds that
    alternate between them, so a busy machine slows both alike and their ratio still means something."""
    results = []
    users_list = [int(u) for u in args.users.split(",")]
    layouts = [int(p) for p in args.processes.split(",")]
    for kind in args.databases.split(","):
        with database(kind) as new_database:
            homes, envs, servers = {}, {}, {}
            try:
                for processes in layouts:
                    homes[processes] = Path(tempfile.mkdtemp(prefix=f"alliance-bench-{kind}-{processes}-"))
                    envs[processes] = environment(homes[processes], new_database(f"alliance_p{processes}"))
                    alliance(envs[processes], "migrate")
                    helper(envs[processes], "_seed_users", str(max(users_list)))
                    servers[processes] = Running(envs[processes], processes, args.threads, homes[processes])
                for users in users_list:
                    for scenario in ("caseload", "checkin"):
                        results.extend(_interleaved(args, kind, users, scenario, layouts, envs, homes, servers))
            finally:
                for server in servers.values():
                    server.stop()
                for home in homes.values():
                    shutil.rmtree(home, ignore_errors=True)
    return results


def _interleaved(args, kind, users, scenario, layouts, envs, homes, servers) -> list[dict]:
    raw = {p: {"latencies": [], "seconds": 0.0, "errors": 0, "acknowledged": 0} for p in layouts}
    tokens, files = {}, {}
    if scenario == "checkin":
        for p in layouts:
            files[p] = homes[p] / f"tokens-{users}.txt"
            helper(envs[p], "_seed_links", str(int(args.links_per_second * args.seconds)), str(files[p]))
            tokens[p] = queue.Queue()
            for token in files[p].read_text(encoding="utf-8").split():
                tokens[p].put(token)
    for _ in range(args.rounds):
        for p in layouts:
            part = run_load(servers[p].port, users, args.seconds / args.rounds, scenario, tokens.get(p))
            raw[p]["latencies"] += part["latencies"]
            raw[p]["seconds"] += part["seconds"]
            raw[p]["errors"] += part["errors"]
            raw[p]["acknowledged"] += part["acknowledged"]
    rows = []
    for p in layouts:
        row = summarise(raw[p])
        del row["latencies"]
        if scenario == "checkin":
            saved = int(helper(envs[p], "_count", str(files[p])).strip())
            row["lost"] = max(0, row["acknowledged"] - saved)
        row.update(database=kind, processes=p, users=users, scenario=scenario)
        rows.append(row)
        print(_line(row), file=sys.stderr, flush=True)
    return rows


def _line(row: dict) -> str:
    lost = row.get("lost", "")
    return (f"| {row['database']} | {row['processes']} | {row['users']} | {row['scenario']} | {row['rps']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {row['errors']} | {lost} |")


def report(results: list[dict], args) -> str:
    out = [
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, {args.seconds:g} s per run in "
        f"{args.rounds} alternating rounds, waitress {args.threads} threads per process, load generator on the same machine",
        "",
        "| database | processes | users | scenario | req/s | p50 ms | p95 ms | p99 ms | errors | lost check-ins |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *[_line(r) for r in results],
        "",
        "| database | users | scenario | 2-process / 1-process req/s |",
        "|---|---|---|---|",
    ]
    by_key = {(r["database"], r["users"], r["scenario"], r["processes"]): r for r in results}
    for (kind, users, scenario, processes), row in by_key.items():
        if processes == 2 and (kind, users, scenario, 1) in by_key:
            ratio = row["rps"] / max(by_key[(kind, users, scenario, 1)]["rps"], 0.001)
            out.append(f"| {kind} | {users} | {scenario} | {ratio:.2f}x |")
    return "\n".join(out)


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_seed_users":
        return seed_users(int(argv[1]))
    if argv and argv[0] == "_seed_links":
        return seed_links(int(argv[1]), argv[2])
    if argv and argv[0] == "_count":
        return count_saved(argv[1])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", default="8,32")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per server process")
    parser.add_argument("--rounds", type=int, default=6, help="alternations between the layouts within each run")
    parser.add_argument("--links-per-second", type=float, default=400, help="check-in links made per second of a run")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    results = bench(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results, args))


if __name__ == "__main__":
    main()
