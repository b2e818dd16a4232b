"""The jobs table: enqueue, claim with a conditional UPDATE, run, reclaim stale work, stop cleanly."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from alliance.records import builders, jobs
from alliance.records.models import ConversationAnalysis, Job

RAN: list[int] = []
STOP = threading.Event()


def _record(job):
    RAN.append(job.payload["n"])


def _record_then_ask_to_stop(job):
    STOP.set()
    RAN.append(job.payload["n"])


def _boom(job):
    raise RuntimeError("transcript words that must never reach the log")


@pytest.fixture(autouse=True)
def empty_queue(db):
    # Other tests' data (the demo) may have queued jobs; these tests count from an empty queue.
    Job.objects.all().delete()


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    RAN.clear()
    STOP.clear()
    monkeypatch.setitem(jobs.HANDLERS, "record", _record)
    monkeypatch.setitem(jobs.HANDLERS, "record_then_stop", _record_then_ask_to_stop)
    monkeypatch.setitem(jobs.HANDLERS, "boom", _boom)


def test_enqueue_adds_a_queued_job(db):
    job = jobs.enqueue("record", {"n": 1})
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED


def test_enqueue_refuses_a_kind_no_worker_knows(db):
    with pytest.raises(ValueError):
        jobs.enqueue("no_such_kind", {})


def test_claim_next_takes_the_oldest_job_and_marks_who_has_it(db):
    first = jobs.enqueue("record", {"n": 1})
    jobs.enqueue("record", {"n": 2})
    claimed = jobs.claim_next("worker-a")
    assert (claimed.pk, claimed.status, claimed.claimed_by, claimed.attempts) == (first.pk, "running", "worker-a", 1)


def test_a_claimed_job_is_not_claimed_again_by_another_worker(db):
    jobs.enqueue("record", {"n": 1})
    assert jobs.claim_next("worker-a") is not None
    assert jobs.claim_next("worker-b") is None


def test_a_worker_that_loses_the_race_for_a_row_takes_the_next_one(db, monkeypatch):
    first = jobs.enqueue("record", {"n": 1})
    second = jobs.enqueue("record", {"n": 2})
    original_filter = Job.objects.filter

    def filter_after_a_rival_claimed_first(*args, **kwargs):
        # Between our SELECT and our UPDATE another worker takes the first row.
        if kwargs.get("pk") == first.pk and "status" in kwargs:
            original_filter(pk=first.pk).update(status="running", claimed_by="rival")
        return original_filter(*args, **kwargs)

    monkeypatch.setattr(Job.objects, "filter", filter_after_a_rival_claimed_first)
    claimed = jobs.claim_next("worker-a")
    assert claimed.pk == second.pk
    assert original_filter(pk=first.pk).get().claimed_by == "rival"


def test_a_running_job_of_a_dead_worker_is_claimed_again_after_the_timeout(db):
    job = jobs.enqueue("record", {"n": 1})
    jobs.claim_next("dead-worker")
    later = timezone.now() + jobs.STALE_AFTER + timedelta(seconds=1)
    reclaimed = jobs.claim_next("worker-b", now=later)
    assert (reclaimed.pk, reclaimed.claimed_by, reclaimed.attempts) == (job.pk, "worker-b", 2)


def test_a_running_job_is_left_alone_before_the_timeout(db):
    jobs.enqueue("record", {"n": 1})
    jobs.claim_next("busy-worker")
    soon = timezone.now() + jobs.STALE_AFTER - timedelta(seconds=5)
    assert jobs.claim_next("worker-b", now=soon) is None


def _ended_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _name_of(pid: int, role: str = "") -> str:
    """The name ``default_worker_name`` gives a process with this pid, here."""
    return jobs.default_worker_name(role).replace(f":{os.getpid()}:", f":{pid}:", 1)


def test_a_job_held_by_an_ended_process_of_this_host_is_put_back_at_once(db):
    job = jobs.enqueue("record", {"n": 1})
    jobs.claim_next(_name_of(_ended_pid(), "demo"))
    assert jobs.requeue_orphans() == 1
    back = Job.objects.get(pk=job.pk)
    assert (back.status, back.claimed_by, back.attempts) == ("queued", "", 1)  # the interrupted try still counts
    assert jobs.claim_next("worker-b").pk == job.pk


def test_jobs_held_by_a_live_process_or_another_host_are_left_to_the_timeout(db):
    mine = jobs.enqueue("record", {"n": 1})
    elsewhere = jobs.enqueue("record", {"n": 2})
    jobs.claim_next(jobs.default_worker_name())  # this very process: alive
    jobs.claim_next(f"another-host.example:{_ended_pid()}:{jobs._pid_namespace()}")
    assert jobs.requeue_orphans() == 0
    assert {j.status for j in Job.objects.filter(pk__in=[mine.pk, elsewhere.pk])} == {"running"}


def test_a_claim_from_another_pid_namespace_is_left_to_the_timeout(db):
    # Containers can share a hostname without sharing pids: a pid we cannot see may still be running.
    jobs.enqueue("record", {"n": 1})
    elsewhere = _name_of(_ended_pid()).rsplit(":", 1)[0] + f":{int(jobs._pid_namespace()) + 1}"
    jobs.claim_next(elsewhere)
    assert jobs.requeue_orphans() == 0


def test_a_hand_picked_worker_name_is_left_to_the_timeout(db):
    jobs.enqueue("record", {"n": 1})
    jobs.claim_next(f"{socket.gethostname()}:2")  # `alliance worker --name "$(hostname):2"`: 2 is not a pid
    assert jobs.requeue_orphans() == 0


def test_a_starting_worker_first_takes_back_what_a_stopped_demo_left_running(db):
    job = jobs.enqueue("record", {"n": 7})
    jobs.claim_next(_name_of(_ended_pid(), "demo"))
    assert jobs.run_worker(once=True) == 1
    assert RAN == [7] and Job.objects.get(pk=job.pk).status == "done"


def test_run_worker_once_runs_every_waiting_job_in_order_then_returns(db):
    for n in (1, 2, 3):
        jobs.enqueue("record", {"n": n})
    assert jobs.run_worker(name="test", once=True) == 3
    assert RAN == [1, 2, 3]
    assert set(Job.objects.values_list("status", flat=True)) == {"done"}


def test_a_stop_request_lets_the_current_job_finish_and_leaves_the_rest_queued(db):
    first = jobs.enqueue("record_then_stop", {"n": 1})
    second = jobs.enqueue("record", {"n": 2})
    assert jobs.run_worker(stop=STOP, name="test", poll_seconds=0.01) == 1
    assert RAN == [1]
    assert Job.objects.get(pk=first.pk).status == "done"
    assert Job.objects.get(pk=second.pk).status == "queued"


def test_a_stopped_worker_claims_nothing(db):
    jobs.enqueue("record", {"n": 1})
    STOP.set()
    assert jobs.run_worker(stop=STOP, name="test") == 0
    assert RAN == []


def test_a_job_that_raises_fails_with_a_reference_and_the_worker_carries_on(db, caplog):
    bad = jobs.enqueue("boom", {})
    jobs.enqueue("record", {"n": 2})
    assert jobs.run_worker(name="test", once=True) == 2
    bad.refresh_from_db()
    assert bad.status == "failed"
    assert bad.error.startswith("Something went wrong on our side while analysing this transcript (reference ")
    assert RAN == [2]
    assert "transcript words" not in caplog.text


def test_a_failing_analysis_job_tells_the_practitioner_on_the_analysis(personas, monkeypatch):
    contact = builders.make_contact(personas.client, recording_consent="yes")
    analysis = ConversationAnalysis.objects.create(contact=contact, source_text="Pat: hello")
    monkeypatch.setattr("alliance.records.conversation_analysis.analyze_text", lambda *a, **k: 1 / 0)
    job = jobs.enqueue("analyze_transcript", {"analysis_id": str(analysis.pk)})
    jobs.run_worker(name="test", once=True)
    analysis.refresh_from_db()
    job.refresh_from_db()
    assert (job.status, analysis.status) == ("failed", "failed")
    assert analysis.error == job.error


def test_a_job_interrupted_too_often_is_given_up_with_an_explanation(db):
    job = jobs.enqueue("record", {"n": 1})
    Job.objects.filter(pk=job.pk).update(attempts=jobs.MAX_ATTEMPTS)
    jobs.run_worker(name="test", once=True)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == f"The analysis was interrupted {jobs.MAX_ATTEMPTS} times before it could finish. Please upload the transcript again."
    assert RAN == []


def test_a_database_hiccup_while_claiming_does_not_end_the_worker(db, monkeypatch):
    jobs.enqueue("record", {"n": 1})
    real_claim = jobs.claim_next
    calls = []

    def claim_once_failing(name):
        calls.append(name)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_claim(name)

    monkeypatch.setattr(jobs, "claim_next", claim_once_failing)
    assert jobs.run_worker(name="test", once=True, poll_seconds=0.01) == 1
    assert RAN == [1]
