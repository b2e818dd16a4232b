"""`alliance worker`: a real subprocess that gets SIGTERM in the middle of an analysis finishes it, then exits."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs `alliance worker` as a process

ALLIANCE = str(Path(sys.executable).with_name("alliance"))

SETUP = textwrap.dedent("""
    import json, sys
    import django
    django.setup()
    from alliance.records import builders
    from alliance.records.demo_conversations import PRACTITIONER_NAMES, session_text
    from alliance.records.models import ConversationAnalysis
    from alliance.records import jobs

    team = builders.make_team("Worker Team")
    alex = builders.make_user("alex", team=team)
    contact = builders.make_contact(builders.make_client(alex, "Wynn Worker"), recording_consent="yes")
    ids = []
    # A long session (the same invented turns, many times over) so the signal lands mid-analysis.
    for text in (session_text("sleep_and_work_warm.txt") * int(sys.argv[1]), session_text("rent_arrears_questions.txt")):
        analysis = ConversationAnalysis.objects.create(contact=contact, source_text=text, practitioner_names=PRACTITIONER_NAMES)
        jobs.enqueue("analyze_transcript", {"analysis_id": str(analysis.pk)})
        ids.append(str(analysis.pk))
    print(json.dumps(ids))
""")

READ = textwrap.dedent("""
    import json, sys
    import django
    django.setup()
    from alliance.records.models import ConversationAnalysis, Job
    rows = {str(a.pk): [a.status, a.finished_at.timestamp() if a.finished_at else None] for a in ConversationAnalysis.objects.all()}
    print(json.dumps({"analyses": rows, "jobs": sorted(Job.objects.values_list("status", flat=True))}))
""")


@pytest.fixture
def env(tmp_path):
    environment = {**os.environ, "ALLIANCE_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "alliance.web.settings"}
    environment.pop("DATABASE_URL", None)
    subprocess.run([ALLIANCE, "migrate"], env=environment, check=True, capture_output=True, timeout=120)
    return environment


def python(code: str, env, *args) -> dict | list:
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_sigterm_mid_analysis_finishes_the_item_and_leaves_the_next_one_queued(env):
    long_id, short_id = python(SETUP, env, "120")
    worker = subprocess.Popen([ALLIANCE, "worker", "--poll", "0.2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = python(READ, env)
            if state["analyses"][long_id][0] == "running":
                break
            time.sleep(0.05)
        else:
            pytest.fail("the worker never started the analysis")
        signalled_at = time.time()
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=120)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, output
    state = python(READ, env)
    status, finished_at = state["analyses"][long_id]
    assert status == "done"
    assert finished_at > signalled_at  # it really was in the middle of the item when the signal came
    assert state["analyses"][short_id][0] == "queued"
    assert state["jobs"] == ["done", "queued"]
    assert "Worker stopped after 1 job." in output


def test_once_runs_what_is_waiting_and_exits(env):
    python(SETUP, env, "1")
    done = subprocess.run([ALLIANCE, "worker", "--once"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Worker stopped after 2 jobs." in done.stdout
    assert python(READ, env)["jobs"] == ["done", "done"]
