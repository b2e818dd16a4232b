"""`alliance serve` as an agency runs it: behind an HTTPS proxy, on a port just freed by a crash, with several processes.

These tests start the real server (waitress) as a subprocess on a free loopback port and talk to it over
a socket, playing the reverse proxy: Django's test client skips waitress, which is where the proxy's
headers used to be dropped.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.processes import STRIPPED, alliance

pytestmark = pytest.mark.slow  # runs `alliance serve` as processes

HOST = "alliance.example.org"
PASSWORD = "a-long-real-password"
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, home: Path, *args: str, **env: str):
        self.port = free_port()
        clean = {k: v for k, v in os.environ.items() if k not in STRIPPED}
        self.log = (home / "server.log").open("wb")
        self.log_path = home / "server.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "alliance.cli.main", "serve", "--no-migrate", "--port", str(self.port), *args],
            env={**clean, "ALLIANCE_HOME": str(home), "SECRET_KEY": "test-secret-key-" + "x" * 40, "ALLIANCE_LOG_LEVEL": "WARNING", **env},
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"`alliance serve` did not start:\n{self.log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def request(self, method: str, path: str, *, forwarded_for: str = "203.0.113.5", proto: str = "https", body: str | None = None, headers=None):
        """One request as our nginx would pass it on: Host, X-Forwarded-Proto and X-Forwarded-For set."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": HOST, "X-Forwarded-Proto": proto, "X-Forwarded-For": forwarded_for, **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        connection.close()
        return response

    def sign_in(self, username: str, password: str, forwarded_for: str):
        page = self.request("GET", "/accounts/login/", forwarded_for=forwarded_for)
        assert page.status == 200, page.status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
        from urllib.parse import urlencode

        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        return self.request(
            "POST", "/accounts/login/", forwarded_for=forwarded_for, body=body,
            headers={"Origin": f"https://{HOST}", "Referer": f"https://{HOST}/accounts/login/", "Cookie": f"csrftoken={cookie}"},
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def agency_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("serve-home")
    made = alliance(home, "createuser", "pat", "--team", "East Team", "--password", PASSWORD)
    assert made.returncode == 0, made.stderr
    return home


@pytest.fixture(scope="module")
def proxied(agency_home):
    server = Server(
        agency_home, ALLIANCE_HTTPS="true", ALLIANCE_BEHIND_PROXY="true", ALLOWED_HOSTS=HOST, LOGIN_FAILURE_LIMIT="2",
    )
    yield server
    server.stop()


def test_behind_the_proxy_healthz_answers_200_with_hsts(proxied):
    response = proxied.request("GET", "/healthz")
    assert response.status == 200, (response.status, response.getheader("Location"))
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"


def test_behind_the_proxy_a_plain_http_request_is_sent_to_https_once(proxied):
    response = proxied.request("GET", "/accounts/login/", proto="http")
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/accounts/login/"


def test_behind_the_proxy_a_login_with_the_https_origin_succeeds(proxied):
    response = proxied.sign_in("pat", PASSWORD, forwarded_for="198.51.100.20")
    assert response.status == 302, response.text[-500:]
    assert response.getheader("Location") == "/"
    assert "; Secure" in response.getheader("Set-Cookie")


def test_behind_the_proxy_throttling_counts_the_forwarded_address_not_the_proxys(proxied):
    # LOGIN_FAILURE_LIMIT=2, so one address is stopped after 8 failures, whatever the usernames.
    for i in range(8):
        failed = proxied.sign_in(f"guess{i}", "wrong-password", forwarded_for="203.0.113.9")
        assert failed.status == 200 and "Please enter a correct username and password" in failed.text
    stranger = proxied.sign_in("pat", PASSWORD, forwarded_for="203.0.113.9")
    assert "Too many unsuccessful attempts" in stranger.text
    colleague = proxied.sign_in("pat", PASSWORD, forwarded_for="198.51.100.7")
    assert colleague.status == 302


def test_a_direct_health_check_on_the_port_is_not_redirected(proxied):
    connection = http.client.HTTPConnection("127.0.0.1", proxied.port, timeout=10)
    connection.request("GET", "/healthz", headers={"Host": HOST})
    assert connection.getresponse().status == 200
    connection.close()


def _time_wait_on(port: int) -> None:
    """Leave a server-side connection in TIME_WAIT on ``port``, as a crashed server's do."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen()
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = listener.accept()
    accepted.close()  # the server closes first: its side waits in TIME_WAIT
    time.sleep(0.1)
    client.close()
    listener.close()


def test_the_port_can_be_bound_again_while_old_connections_wait():
    from alliance.web.server import bind

    port = free_port()
    _time_wait_on(port)
    plain = socket.socket()
    with pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))  # what the old port check did
    plain.close()
    bind("127.0.0.1", port).close()


def test_a_port_another_server_listens_on_is_refused_with_one_sentence(agency_home):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = alliance(agency_home, "serve", "--no-migrate", "--port", str(port), SECRET_KEY="k" * 50)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use. Try --port {port + 1}." in result.err


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_two_processes_share_the_port_and_a_killed_one_is_started_again(agency_home):
    server = Server(agency_home, "--processes", "2", ALLOWED_HOSTS=HOST)
    try:
        deadline = time.monotonic() + 20
        while len(_children(server.process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        first = _children(server.process.pid)
        assert len(first) == 2
        os.kill(first[0], signal.SIGKILL)
        deadline = time.monotonic() + 20
        while (len(_children(server.process.pid)) < 2 or first[0] in _children(server.process.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_children(server.process.pid)) == 2
        for _ in range(10):
            assert server.request("GET", "/healthz", proto="http").status == 200
    finally:
        server.stop()
    assert server.process.returncode == 0
    for pid in first[1:]:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


def test_on_sigterm_a_request_being_received_is_answered_and_new_connections_are_refused(agency_home):
    server = Server(agency_home, ALLOWED_HOSTS=HOST)
    try:
        # The port listens before the app is loaded; an answer means the SIGTERM handler is in place too.
        assert server.request("GET", "/healthz").status == 200
        half = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        half.sendall(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n".encode())
        time.sleep(0.3)
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert server.process.poll() is None  # still draining: the half-sent request is in hand
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", server.port), timeout=2)
        half.sendall(b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := half.recv(65536):
            answer += chunk
        half.close()
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
        assert server.process.wait(timeout=15) == 0
    finally:
        server.stop()
