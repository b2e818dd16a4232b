"""``alliance worker``: run queued background jobs (transcript analyses) until stopped."""

from __future__ import annotations

import signal
import threading

import typer

from alliance.cli.common import console, friendly_errors


def worker(
    once: bool = typer.Option(False, "--once", help="Run the jobs waiting now, then exit."),
    poll: float = typer.Option(1.0, min=0.1, help="Seconds between looks at an empty queue."),
    name: str = typer.Option("", help="Name recorded on claimed jobs (default: host:pid)."),
) -> None:
    """Run background jobs such as transcript analyses. On SIGTERM or Ctrl+C it finishes the current job, then exits."""
    with friendly_errors():
        from alliance.cli.web_commands import _start

        _start()
        from alliance.records.jobs import default_worker_name, run_worker

        stop = threading.Event()

        def _stop(signum, frame):
            # Only ask the loop to stop: the job in hand runs to its end, so nothing is half-saved.
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        worker_name = name or default_worker_name()
        if not once:
            console.print(f"Worker {worker_name} is waiting for jobs (Ctrl+C to stop).", highlight=False)
        count = run_worker(
            stop=stop, name=worker_name, once=once, poll_seconds=poll,
            progress=lambda job: console.print(f"Job {job.pk} ({job.kind}): {job.status}.", highlight=False),
        )
        console.print(f"Worker stopped after {count} job{'s' if count != 1 else ''}.", highlight=False)
