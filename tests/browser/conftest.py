"""Shared browser fixtures: the real server (`alliance demo`) in a subprocess, Debian's Chromium via Playwright.

- ``live_server_url`` (session): ``alliance demo --host 127.0.0.1 --port <free>`` in a temporary ALLIANCE_HOME,
  on its own SQLite file (DATABASE_URL and SECRET_KEY unset); the base URL without a trailing slash. Its email
  goes to ``smtp_inbox`` (session): a real SMTP server on loopback (tests/smtp_server.py).
- ``browser`` (session): Chromium at /usr/bin/chromium.
- ``page``: a fresh context (1280×900, ``base_url`` set) per test, so tests never share a session.
- ``login(page, username)`` or ``login(page, base_url, username, password=...)``: sign in through the form.
- ``screenshot(page, name)``: a full-page PNG under $ALLIANCE_TEST_ARTIFACTS (default test-artifacts/).

pytest-playwright's own fixtures are deliberately not used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

DEMO_PASSWORD = "alliance-demo"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START_TIMEOUT_S = 60
VIEWPORT = {"width": 1280, "height": 900}

_live_url: str | None = None  # for login(page, username), which has no URL of its own


def artifacts_dir() -> Path:
    path = Path(os.environ.get("ALLIANCE_TEST_ARTIFACTS", "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _server_output(log_path: Path) -> str:
    text = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    return text[-4000:] or "(no output)"


@pytest.fixture(scope="session")
def smtp_inbox():
    """A real SMTP server on loopback (aiosmtpd) that the demo server sends its email to."""
    from tests.smtp_server import LoopbackSMTP

    server = LoopbackSMTP().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live_server_url(smtp_inbox):
    global _live_url
    home = Path(tempfile.mkdtemp(prefix="alliance-browser-home-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL_FILE"}}
    env["ALLIANCE_HOME"] = str(home)
    env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_inbox.port), ALLIANCE_BASE_URL=f"http://127.0.0.1:{port}")
    log_path = home / "server.log"
    log = log_path.open("wb")
    # Run the CLI through the venv's interpreter, so the right `alliance` is used even without PATH.
    process = subprocess.Popen(
        [sys.executable, "-m", "alliance.cli.main", "demo", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(f"`alliance demo` exited with {process.returncode} before answering /healthz:\n{_server_output(log_path)}")
            if time.monotonic() > deadline:
                pytest.fail(f"`alliance demo` did not answer /healthz within {START_TIMEOUT_S} s:\n{_server_output(log_path)}")
            time.sleep(0.2)
        _live_url = url
        yield url
    finally:
        _live_url = None
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (scripts/test installs Debian's chromium package).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server_url):
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server_url)
    tab = context.new_page()
    yield tab
    context.close()


def login(page, base_url_or_username: str, username: str | None = None, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form and wait for the page after it. ``login(page, username)`` uses the live server."""
    if username is None:
        base_url, username = _live_url, base_url_or_username
        if base_url is None:
            raise RuntimeError("login(page, username) needs the live_server_url fixture in the test.")
    else:
        base_url = base_url_or_username
    page.goto(base_url.rstrip("/") + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def screenshot(page, name: str) -> Path:
    path = artifacts_dir() / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
