"""The production layout of docs/deployment.md, for real: `alliance serve --processes 2` and a separate
`alliance worker` on one database (PostgreSQL in the PostgreSQL pass of scripts/test, SQLite otherwise),
under concurrent users for a few seconds: no errors, no acknowledged check-in lost, and a transcript
uploaded meanwhile is analysed by the worker process.

It drives the same code as bench/bench_load.py (which reports the figures in docs/benchmarks.md).
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
import bench_load  # noqa: E402

pytestmark = pytest.mark.slow  # two servers and a worker, as processes

KIND = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"

ENQUEUE = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.web.settings")
django.setup()
from django.utils import timezone
from alliance.records.models import Client, Contact, ConversationAnalysis, User
from alliance.records import jobs
user = User.objects.get(username="load00")
contact = Contact.objects.create(client=Client.objects.filter(practitioner=user).first(), practitioner=user,
                                 starts_at=timezone.now(), recording_consent="yes")
analysis = ConversationAnalysis.objects.create(contact=contact, format="text", practitioner_names=["Alex"], created_by=user,
    source_text="Alex: How has the week been?\\nSam: Long. I barely slept.\\nAlex: It sounds like it has worn you out.\\n")
jobs.enqueue("analyze_transcript", {"analysis_id": str(analysis.pk)})
print(analysis.pk)
"""

STATUS = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.web.settings")
django.setup()
from alliance.records.models import ConversationAnalysis, Job
analysis = ConversationAnalysis.objects.get(pk=sys.argv[1])
job = Job.objects.get(payload__analysis_id=sys.argv[1])
print(analysis.status, job.claimed_by, repr(analysis.error[:300]))
"""


def python(env: dict, code: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.database
def test_two_server_processes_and_a_worker_process_serve_users_without_errors_or_lost_check_ins():
    with bench_load.database(KIND) as new_database:
        home = Path(tempfile.mkdtemp(prefix="alliance-production-"))
        env = bench_load.environment(home, new_database("alliance_production"))
        bench_load.alliance(env, "migrate")
        bench_load.helper(env, "_seed_users", "4")
        tokens_file = home / "tokens.txt"
        bench_load.helper(env, "_seed_links", "400", str(tokens_file))
        server = bench_load.Running(env, processes=2, threads=4, log_dir=home)
        try:
            analysis_id = python(env, ENQUEUE)
            caseload = bench_load.run_load(server.port, users=4, seconds=3, scenario="caseload", tokens=None)
            tokens = queue.Queue()
            for token in tokens_file.read_text().split():
                tokens.put(token)
            checkins = bench_load.run_load(server.port, users=4, seconds=3, scenario="checkin", tokens=tokens)
            deadline = time.monotonic() + 90
            while (status := python(env, STATUS, analysis_id)).split()[0] not in ("done", "failed") and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            server.stop()
        saved = int(bench_load.helper(env, "_count", str(tokens_file)))
    assert caseload["requests"] > 0 and caseload["errors"] == 0, caseload
    assert checkins["acknowledged"] > 0 and checkins["errors"] == 0, checkins
    assert saved == checkins["acknowledged"]  # every "thank you" the clients saw is in the database
    state, claimed_by, error = status.split(maxsplit=2)
    assert state == "done", error
    assert str(server.worker.pid) in claimed_by  # analysed by the worker process, not by a web process
