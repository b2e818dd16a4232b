"""Background work without a broker (docs/conversations.md, "Background analysis").

Requests put slow work into the ``Job`` table with ``enqueue``; ``alliance worker``
(or the demo server's worker thread) runs ``run_worker``, which claims one row at a
time with a conditional UPDATE, so two workers never run the same job, on SQLite and
PostgreSQL alike. A job left ``running`` by a worker that died is claimed again once
its claim is older than ``STALE_AFTER``; sooner when a worker starts on the same host, in
the same PID namespace, and sees that the process named in the claim is gone
(``requeue_orphans``), as when
``alliance demo`` was stopped in the middle of an analysis. Stopping (``stop`` set, e.g. on SIGTERM)
lets the current job finish first.

Logs carry job ids, kinds and event names only, never payload contents.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta
from typing import Callable

from django.db import DatabaseError, close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone

from alliance.errors import AllianceError
from alliance.records import conversation_analysis, notifications, transcript_retention
from alliance.records.models import Job

logger = logging.getLogger("alliance.jobs")

# A running job whose claim is older than this is taken to belong to a dead worker.
STALE_AFTER = timedelta(minutes=10)
# After this many claims a job is given up, so one poisonous item cannot loop forever.
MAX_ATTEMPTS = 3

# kind -> the function that does it; it takes (job) and raises to fail the job.
HANDLERS: dict[str, Callable[[Job], None]] = {
    "analyze_transcript": conversation_analysis.analyze_transcript,
    "send_notification": notifications.send_job,
}
# kind -> what a job that is given up on tells its own record, so the person waiting sees why.
ON_FAILURE: dict[str, Callable[[Job, str], None]] = {
    "analyze_transcript": conversation_analysis.on_failure,
}
# Run by the worker between jobs, about every PERIODIC_SECONDS (escalation of unacknowledged
# urgent alerts, retries of failed emails, check-in schedules, reminders, digests).
# Also the removal of transcript text past the agency's retention period.
PERIODIC: tuple[Callable[[], None], ...] = (notifications.tick, transcript_retention.purge_expired)
PERIODIC_SECONDS = 60.0


def _pid_namespace() -> str:
    """This process's PID namespace ('' where there is none to read, e.g. not on Linux)."""
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return ""


def default_worker_name(role: str = "") -> str:
    """``host:pid:pidns`` (then ``:role``): who holds a claim, and where its pid means something.

    The PID namespace matters because containers may share a hostname but not their pids.
    """
    name = f"{socket.gethostname()}:{os.getpid()}:{_pid_namespace()}"
    return f"{name}:{role}" if role else name


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def requeue_orphans() -> int:
    """Put back in the queue the running jobs claimed by an ended process that this one can see.

    Only claims named by ``default_worker_name`` with this host's name and this process's PID
    namespace are judged (there a pid that is gone means the worker is gone); any other claim
    waits for ``STALE_AFTER`` as before. Returns how many jobs were put back.
    """
    host, namespace = socket.gethostname(), _pid_namespace()
    if not namespace:
        return 0
    put_back = 0
    running = Job.objects.filter(status=Job.Status.RUNNING, claimed_by__startswith=f"{host}:")
    for pk, claimed_by, claimed_at in running.values_list("pk", "claimed_by", "claimed_at"):
        parts = claimed_by[len(host) + 1 :].split(":")
        if len(parts) < 2 or not parts[0].isdigit() or parts[1] != namespace or _pid_alive(int(parts[0])):
            continue
        # Conditional, like a claim: a worker that took the row meanwhile keeps it.
        if Job.objects.filter(pk=pk, status=Job.Status.RUNNING, claimed_at=claimed_at).update(
            status=Job.Status.QUEUED, claimed_by="", claimed_at=None
        ):
            put_back += 1
            logger.info("job requeued id=%s reason=worker-gone", pk)
    return put_back


def enqueue(kind: str, payload: dict) -> Job:
    """Add one job. Call inside the transaction that creates the record it works on."""
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, payload=payload)
    logger.info("job enqueued id=%s kind=%s", job.pk, kind)
    return job


def claim_next(worker_name: str, *, now=None) -> Job | None:
    """Claim the oldest claimable job for ``worker_name``, or return None if there is none.

    The UPDATE only succeeds while the row is still in the state we read, so of two
    workers racing for one row exactly one gets it; the loser tries the next row.
    """
    now = now or timezone.now()
    claimable = Q(status=Job.Status.QUEUED) | Q(status=Job.Status.RUNNING, claimed_at__lt=now - STALE_AFTER)
    candidates = Job.objects.filter(claimable).order_by("created_at", "id").values_list("pk", "status", "claimed_at")[:20]
    for pk, status, claimed_at in candidates:
        won = Job.objects.filter(pk=pk, status=status, claimed_at=claimed_at).update(
            status=Job.Status.RUNNING, claimed_by=worker_name[:100], claimed_at=now, attempts=F("attempts") + 1,
        )
        if won:
            job = Job.objects.get(pk=pk)
            logger.info("job claimed id=%s kind=%s attempt=%s worker=%s", job.pk, job.kind, job.attempts, worker_name)
            return job
    return None


def run_job(job: Job) -> Job:
    """Run one claimed job to done or failed. Never raises for a job's own failure."""
    handler = HANDLERS.get(job.kind)
    error = ""
    if handler is None:
        error = f"unknown job kind {job.kind!r}"
    elif job.attempts > MAX_ATTEMPTS:
        error = AllianceError("V006", attempts=job.attempts - 1).message
        _give_up(job, error)
    else:
        try:
            handler(job)
        except Exception as exc:  # one bad item must never stop the worker
            reference = uuid.uuid4().hex[:8]
            # Type and reference only: exception text may quote the transcript.
            logger.error("job failed id=%s kind=%s error=%s reference=%s", job.pk, job.kind, type(exc).__name__, reference)
            error = AllianceError("V005", reference=reference).message
            _give_up(job, error)
    status = Job.Status.FAILED if error else Job.Status.DONE
    Job.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), error=error)
    job.refresh_from_db()
    logger.info("job finished id=%s kind=%s status=%s", job.pk, job.kind, status)
    return job


def _give_up(job: Job, error: str) -> None:
    """Let the job's own record say it failed, so the person waiting sees why."""
    on_failure = ON_FAILURE.get(job.kind)
    if on_failure:
        on_failure(job, error)


def run_periodic() -> None:
    """Run each PERIODIC function once; one that fails is logged (by type) and never stops the worker."""
    for function in PERIODIC:
        try:
            function()
        except Exception as exc:  # noqa: BLE001
            target = f"{function.__module__}:{function.__name__}"
            logger.error("periodic failed target=%s error=%s", target, type(exc).__name__)


def run_worker(stop: threading.Event | None = None, name: str | None = None, once: bool = False,
               poll_seconds: float = 1.0, progress: Callable[[Job], None] | None = None) -> int:
    """Claim and run jobs until ``stop`` is set (or, with ``once``, until the queue is empty).

    The current job always runs to its end before the loop looks at ``stop`` again.
    Returns how many jobs were run.
    """
    stop = stop or threading.Event()
    name = name or default_worker_name()
    done = 0
    last_periodic = float("-inf")
    logger.info("worker started name=%s", name)
    try:
        try:
            _fresh_connection()
            requeue_orphans()
        except DatabaseError as exc:  # the stale timeout still recovers them
            logger.warning("worker could not requeue orphans name=%s error=%s", name, type(exc).__name__)
        while not stop.is_set():
            try:
                _fresh_connection()
                job = claim_next(name)
            except DatabaseError as exc:
                # A busy or restarting database must not end the worker (in `alliance demo` it is a thread
                # nobody would restart); try again after a pause.
                logger.warning("worker could not claim name=%s error=%s", name, type(exc).__name__)
                stop.wait(poll_seconds)
                continue
            if job is None:
                if time.monotonic() - last_periodic >= PERIODIC_SECONDS:
                    last_periodic = time.monotonic()
                    run_periodic()
                    continue  # what it queued (an escalation email) is sent straight away
                if once:
                    break
                stop.wait(poll_seconds)
                continue
            try:
                finished = run_job(job)
            except DatabaseError as exc:
                # Its row stays 'running' and is claimed again once stale: nothing is lost.
                logger.warning("worker could not record job id=%s error=%s", job.pk, type(exc).__name__)
                stop.wait(poll_seconds)
                continue
            done += 1
            if progress:
                progress(finished)
    finally:
        logger.info("worker stopped name=%s jobs=%s", name, done)
        if not connection.in_atomic_block:
            connection.close()
    return done


def _fresh_connection() -> None:
    # A long-lived worker must drop broken or expired connections like a request would;
    # inside a test's transaction there is nothing to refresh.
    if not connection.in_atomic_block:
        close_old_connections()
