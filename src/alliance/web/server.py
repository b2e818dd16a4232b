"""Run Alliance under waitress: one listening socket, one or more server processes.

- The socket is bound once, with ``SO_REUSEADDR``, so a restart right after a crash is not refused
  while old connections sit in TIME_WAIT.
- Behind our own reverse proxy (``ALLIANCE_BEHIND_PROXY``) waitress is told to trust that proxy's
  ``X-Forwarded-For`` and ``X-Forwarded-Proto``; otherwise waitress drops those headers before
  Django sees them (every request would look like plain HTTP from the proxy's address).
- With ``processes > 1`` the parent forks that many servers sharing the socket (the kernel hands each
  new connection to one of them) and restarts any that dies, so a server uses every core without a
  second WSGI server to install.
- On SIGTERM (or Ctrl+C) a server process drains: it stops accepting connections, lets the requests
  it has started (or begun to receive) finish for up to ``DRAIN_S`` seconds, then exits. A deploy or
  a restart does not cut a check-in off halfway (docs/deployment.md, "Stopping").
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time

logger = logging.getLogger("alliance.server")

# A child that dies sooner than this after starting is not restarted in a tight loop.
RESTART_PAUSE_S = 1.0
# How long a stopping server waits for the requests it has in hand.
DRAIN_S = 10.0


class PortInUse(OSError):
    """The address is taken by a process that is still listening."""


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port``; ``PortInUse`` when another server holds it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # Without this, connections left in TIME_WAIT by a crashed server block the port for a minute.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(1024)
    except OSError as exc:
        sock.close()
        raise PortInUse(exc.errno, exc.strerror) from None
    sock.set_inheritable(True)
    return sock


def waitress_options(settings, threads: int) -> dict:
    """The keyword arguments for waitress: threads, and the proxy it may trust."""
    options = {"threads": threads, "ident": "Alliance"}
    if settings.BEHIND_PROXY:
        options.update(
            trusted_proxy=settings.TRUSTED_PROXY,
            trusted_proxy_count=1,
            trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto"},
            clear_untrusted_proxy_headers=True,
        )
    return options


def _run_one(application, sock: socket.socket, options: dict, with_worker: bool, worker_role: str) -> None:
    import waitress

    stop = threading.Event()
    if with_worker:
        from alliance.records.jobs import default_worker_name, run_worker

        # Named in this process (host:pid:pid-namespace:role), so a claim left by a crash can be recognised.
        threading.Thread(target=run_worker, kwargs={"stop": stop, "name": default_worker_name(worker_role)}, daemon=True).start()
    server = waitress.create_server(application, sockets=[sock], **options)
    try:
        _serve_until_stopped(server)
    finally:
        stop.set()


def _serve_until_stopped(server) -> None:
    """Run waitress's loop until SIGTERM/SIGINT, then drain the requests in hand and close."""
    from waitress import wasyncore

    stopping = threading.Event()

    def on_signal(signum, frame) -> None:
        stopping.set()
        server.pull_trigger()  # wake the loop now rather than at its next timeout

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    loop = {"map": server._map, "use_poll": server.adj.asyncore_use_poll}
    try:
        while not stopping.is_set():
            wasyncore.loop(timeout=1.0, count=1, **loop)
        server.accepting = False
        server.del_channel()
        server.socket.close()  # this process takes no new connections (other server processes still may)
        deadline = time.monotonic() + DRAIN_S
        while _busy(server) and time.monotonic() < deadline:
            wasyncore.loop(timeout=0.1, count=1, **loop)
        if _busy(server):
            logger.warning("stopped with requests still running after %.0f s", DRAIN_S)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.task_dispatcher.shutdown(timeout=1)


def _busy(server) -> bool:
    """Whether any connection holds a request being received, run or sent back."""
    return any(
        channel.requests or channel.request is not None or channel.total_outbufs_len
        for channel in list(server.active_channels.values())
    )


def serve(application, sock: socket.socket, options: dict, *, processes: int = 1, with_worker: bool = False, worker_role: str = "serve") -> None:
    """Serve until interrupted. With several processes, the background worker runs in the first only."""
    if processes <= 1:
        _run_one(application, sock, options, with_worker, worker_role)
        return
    _Supervisor(application, sock, options, processes, with_worker, worker_role).run()


class _Supervisor:
    """Fork ``processes`` servers on one socket; restart one that dies; stop them all on SIGTERM/SIGINT."""

    def __init__(self, application, sock, options, processes, with_worker, worker_role):
        self.application, self.sock, self.options = application, sock, options
        self.processes, self.with_worker, self.worker_role = processes, with_worker, worker_role
        self.children: dict[int, int] = {}  # pid -> slot
        self.stopping = False

    def _spawn(self, slot: int) -> None:
        from django.db import connections

        connections.close_all()  # a forked child must open its own database connection
        pid = os.fork()
        if pid == 0:  # the child
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                _run_one(self.application, self.sock, self.options, self.with_worker and slot == 0, self.worker_role)
            except BaseException:  # the parent restarts us; say why first
                logger.exception("server process %s stopped with an error", slot)
                code = 1
            os._exit(code)
        self.children[pid] = slot
        logger.info("server process %s started pid=%s", slot, pid)

    def _stop(self, signum, frame) -> None:
        self.stopping = True
        self.sock.close()  # new connections are refused at once rather than queued for no one
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def run(self) -> None:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            for slot in range(self.processes):
                self._spawn(slot)
            while self.children:
                try:
                    pid, status = os.wait()
                except ChildProcessError:
                    break
                except InterruptedError:  # pragma: no cover - PEP 475 retries for us
                    continue
                slot = self.children.pop(pid, None)
                if slot is None or self.stopping:
                    continue
                logger.warning("server process %s (pid=%s) exited with status %s; starting it again", slot, pid, status)
                time.sleep(RESTART_PAUSE_S)
                if not self.stopping:
                    self._spawn(slot)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
