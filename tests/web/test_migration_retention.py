"""Upgrading a database from before transcript retention keeps each agency's choice about transcript text,
and queued analysis jobs of the old spelling still run.

Runs the migrations in a child process on a database of its own, so the test database is never rolled back.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
import django, sys
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([("records", target)])
    return MigrationExecutor(connection).loader.project_state([("records", target)]).apps

kept = sys.argv[1] == "kept"
old = migrate("0005_practice_room_learner")
old.get_model("records", "AgencySettings").objects.update_or_create(pk=1, defaults={"keep_transcript_text": kept})
new = migrate("0006_conversation_speakers_retention")
print(new.get_model("records", "AgencySettings").objects.get(pk=1).transcript_retention_days)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("kept", "days"), [("kept", "90"), ("not-kept", "0")])
def test_an_agency_that_kept_no_text_keeps_none_and_one_that_kept_it_gets_ninety_days(kept, days, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(ALLIANCE_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="alliance.web.settings")
    done = subprocess.run([sys.executable, "-c", SCRIPT, kept], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == days


JOB_SCRIPT = """
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

def migrate(target):
    MigrationExecutor(connection).migrate([("records", target)])
    return MigrationExecutor(connection).loader.project_state([("records", target)]).apps

old = migrate("0006_conversation_speakers_retention")
old.get_model("records", "Job").objects.create(kind="analyse_transcript", payload={"analysis_id": "x"})
new = migrate("0007_job_kind_analyze_transcript")
print(new.get_model("records", "Job").objects.get().kind)
"""


@pytest.mark.slow
def test_a_job_queued_under_the_old_spelling_is_renamed_so_the_worker_knows_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(ALLIANCE_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="alliance.web.settings")
    done = subprocess.run([sys.executable, "-c", JOB_SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "analyze_transcript"
