"""Every acknowledged check-in survives a crash: kill -9 the real server mid-stream, then count.

The server is `alliance serve` on SQLite (WAL, synchronous=FULL). Two threads post check-ins;
once some have been thanked, the server gets SIGKILL. Every response that showed "Thank you"
must be in the database with all its answers, nothing may be half-saved, and after a restart
those links say they have already been used. Then six requests race on one link: one is stored.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

LINKS = 60
KILL_AFTER = 10
ANSWERS = {"relationship-checkin": [4, 3, 4, 4, 3], "phq-9": [1, 2, 1, 0, 1, 2, 1, 0, 0]}
SETUP = """
import json
from alliance.web import bootstrap
bootstrap.setup_django()
bootstrap.migrate()
from alliance.records import builders, checkin_service
team = builders.make_team("Crash Team")
practitioner = builders.make_user("crash", team=team)
client = builders.make_client(practitioner, "Robin Crash")
tokens = [checkin_service.create_link(client, created_by=practitioner, instruments=list(%r))[1] for _ in range(%d)]
print(json.dumps(tokens))
""" % (list(ANSWERS), LINKS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, port):
    process = subprocess.Popen(
        [sys.executable, "-m", "alliance.cli.main", "serve", "--port", str(port), "--threads", "4", "--no-migrate"],
        env=env, stdout=subprocess.DEVNULL, stderr=open(Path(env["ALLIANCE_HOME"]) / "server.log", "ab"),
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    process.kill()
    log = (Path(env["ALLIANCE_HOME"]) / "server.log").read_text(errors="replace")
    raise AssertionError("the server did not start: " + log[-2000:])


def post(port, token) -> str:
    fields = {f"{i}-{n}": str(v) for i, values in ANSWERS.items() for n, v in enumerate(values, 1)}
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/checkin/{token}/", data=urllib.parse.urlencode(fields).encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


@pytest.fixture
def server_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(ALLIANCE_HOME=str(tmp_path), SECRET_KEY="crash-test-" + "k" * 40, ALLIANCE_LOG_LEVEL="WARNING")
    return env


def test_every_acknowledged_check_in_survives_a_kill_9_and_nothing_is_half_saved(server_env, tmp_path):
    setup = subprocess.run([sys.executable, "-c", SETUP], env=server_env, capture_output=True, text=True, timeout=60)
    assert setup.returncode == 0, setup.stderr
    tokens = json.loads(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    server = start_server(server_env, port)
    acknowledged: list[str] = []
    lock = threading.Lock()
    queue = list(tokens)

    def poster():
        while True:
            with lock:
                if not queue:
                    return
                token = queue.pop(0)
            try:
                body = post(port, token)
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the server is gone
            if "Thank you" in body:
                with lock:
                    acknowledged.append(token)

    threads = [threading.Thread(target=poster) for _ in range(2)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < KILL_AFTER and time.monotonic() < deadline:
        time.sleep(0.005)
    server.send_signal(signal.SIGKILL)
    server.wait()
    for thread in threads:
        thread.join(timeout=15)
    assert len(acknowledged) >= KILL_AFTER
    assert queue, "the server was killed after every check-in was sent; nothing was in flight"

    import hashlib

    with sqlite3.connect(Path(tmp_path) / "alliance.sqlite3") as db:
        used = {h for (h,) in db.execute("SELECT token_hash FROM records_checkinlink WHERE used_at IS NOT NULL")}
        for token in acknowledged:
            assert hashlib.sha256(token.encode()).hexdigest() in used
        per_response = db.execute(
            "SELECT r.instrument_id, COUNT(a.id) FROM records_checkinresponse r "
            "LEFT JOIN records_checkinanswer a ON a.response_id = r.id GROUP BY r.id"
        ).fetchall()
        expected_counts = {"relationship-checkin": 5, "phq-9": 10}  # PHQ-9 stores its difficulty item too
        assert all(count == expected_counts[instrument] for instrument, count in per_response)
        per_link = db.execute(
            "SELECT l.used_at IS NOT NULL, COUNT(r.id) FROM records_checkinlink l "
            "LEFT JOIN records_checkinresponse r ON r.link_id = l.id GROUP BY l.id"
        ).fetchall()
        assert all(count == (len(ANSWERS) if is_used else 0) for is_used, count in per_link)
        assert len(per_response) == len(ANSWERS) * len(used) >= len(ANSWERS) * len(acknowledged)

    port = free_port()  # the old port may still hold connections in TIME_WAIT
    server = start_server(server_env, port)
    try:
        # Six requests racing on one fresh link: exactly one is thanked and stored.
        racing = queue[-1]
        bodies: list[str] = []

        def racer():
            try:
                bodies.append(post(port, racing))
            except urllib.error.HTTPError as refused:
                bodies.append(f"{refused.code} " + refused.read().decode())

        racers = [threading.Thread(target=racer) for _ in range(6)]
        for thread in racers:
            thread.start()
        for thread in racers:
            thread.join(timeout=15)
        assert sum("Thank you" in b for b in bodies) == 1
        assert sum(b.startswith("410 ") and "already been used" in b for b in bodies) == 5
        with sqlite3.connect(Path(tmp_path) / "alliance.sqlite3") as db:
            stored = db.execute(
                "SELECT COUNT(*) FROM records_checkinresponse r JOIN records_checkinlink l ON r.link_id = l.id "
                "WHERE l.token_hash = ?", (hashlib.sha256(racing.encode()).hexdigest(),)
            ).fetchone()[0]
        assert stored == len(ANSWERS)
        for token in acknowledged[:3]:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/checkin/{token}/")
            with pytest.raises(urllib.error.HTTPError) as gone:
                urllib.request.urlopen(request, timeout=5)
            assert gone.value.code == 410 and "already been used" in gone.value.read().decode()
    finally:
        server.kill()
        server.wait()
