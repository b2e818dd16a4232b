"""Take the README screenshots from a fresh demo: caseload, a client, an analysed conversation, who is who, a check-in on a phone.

Starts `alliance demo` in a temporary ALLIANCE_HOME on a free port, waits for the demo's
transcripts to be analysed, signs in with Playwright and Debian's Chromium, and writes
docs/screenshots/{caseload,client,conversation,who-is-who,checkin-phone}.png (each kept under 300 KB).
who-is-who.png records a new contact and pastes a short invented family session without naming the
practitioner, so the analysis asks who is who.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PASSWORD = "alliance-demo"
LIMIT_BYTES = 300_000
# Invented for the screenshot: the practitioner's name written two ways, the client, and her sister.
FAMILY_SESSION = """Alex R: Thanks for coming in, both of you. How has the week been since we last met?
Jonah: Honestly it has been hard. I keep meaning to call my mum but I never do it.
ALEX: So part of you wants to reach out to her, and part of you keeps putting it off.
Jonah: Yes. I want to fix things with her before her birthday, I really do.
Mia: He talks about it every night, he really does want to.
Alex R: It sounds like this matters a great deal to you. What would a first small step look like?
Jonah: Maybe a text message. I could send one on Sunday morning.
ALEX: A text on Sunday feels doable to you.
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the demo server did not answer at {url} within {seconds:.0f} s")


def demo_records(home: str, wait_seconds: float) -> dict:
    """Ids of the records to show, read from the demo's database once its analyses are finished."""
    os.environ["ALLIANCE_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.web.settings")
    import django

    django.setup()
    from django.db.models import Count, Q

    from alliance.records.checkin_service import create_link
    from alliance.records.models import Client, ConversationAnalysis

    deadline = time.monotonic() + wait_seconds
    pending = Q(status__in=[ConversationAnalysis.Status.QUEUED, ConversationAnalysis.Status.RUNNING])
    while ConversationAnalysis.objects.filter(pending).exists() and time.monotonic() < deadline:
        time.sleep(1)
    mine = Client.objects.filter(practitioner__username="demo-practitioner", status=Client.Status.ACTIVE)
    done = ConversationAnalysis.objects.filter(status=ConversationAnalysis.Status.DONE, contact__client__in=mine)
    # A session with something to praise and something to try: the middle one by reflections per question.
    analyses = sorted(
        done.select_related("contact"),
        key=lambda a: ((a.metrics or {}).get("reflection_to_question_ratio") or 0, str(a.pk)),
    )
    analysis = analyses[len(analyses) // 2] if analyses else None
    # A client with a profile and a history of check-ins, and no urgent alert at the top of the page.
    client = (
        mine.annotate(
            n=Count("checkins", distinct=True),
            urgent=Count("alerts", filter=Q(alerts__urgency="urgent", alerts__resolved_at__isnull=True), distinct=True),
            profiled=Count("cultural_profile"),
        )
        .order_by("urgent", "-profiled", "-n", "name")
        .first()
    )
    _, token = create_link(client, created_by=client.practitioner, language="en")
    return {
        "client": str(client.pk),
        "contact": str(analysis.contact.pk) if analysis else None,
        "token": token,
    }


def shoot(page, path: Path, height: int) -> None:
    """A screenshot of the top of the page, made shorter until it fits the size limit."""
    full = page.evaluate("document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    h = min(height, full)
    while True:
        page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": h})
        if path.stat().st_size <= LIMIT_BYTES or h <= 600:
            break
        h = int(h * 0.85)
    print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ({path.stat().st_size // 1024} KB)")


def who_is_who(page, base: str, client_id: str, path: Path) -> None:
    """Upload a session that names no one, and photograph the step that asks who is who."""
    page.goto(f"{base}/clients/{client_id}/")
    page.get_by_role("link", name="Record a contact").click()
    page.get_by_label("Consent to recording and transcript analysis").select_option("yes")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Or paste the transcript").fill(FAMILY_SESSION)
    page.get_by_role("button", name="Analyse the transcript").click()
    step = page.locator(".speaker-step")
    step.get_by_role("heading", name="Who is who? Please check").wait_for(timeout=60_000)
    step.screenshot(path=str(path))
    print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ({path.stat().st_size // 1024} KB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--wait", type=float, default=240, help="seconds to wait for the demo and its analyses")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="alliance-shots-") as home:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "ALLIANCE_HOME": home}
        alliance = Path(sys.executable).with_name("alliance")
        server = subprocess.Popen(
            [str(alliance), "demo", "--port", str(port)], env=env, cwd=home,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(base + "/healthz", args.wait)
            ids = demo_records(home, args.wait)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                desk = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
                page = desk.new_page()
                page.goto(base + "/accounts/login/")
                page.get_by_label("Username").fill("demo-practitioner")
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url(base + "/")
                shoot(page, out / "caseload.png", 1500)
                page.goto(f"{base}/clients/{ids['client']}/")
                shoot(page, out / "client.png", 1700)
                if ids["contact"]:
                    page.goto(f"{base}/contacts/{ids['contact']}/")
                    page.locator("#utterance-1, .utterance").first.wait_for(timeout=30_000)
                    shoot(page, out / "conversation.png", 1700)
                else:
                    print("no analysed conversation in the demo: conversation.png not written", file=sys.stderr)
                who_is_who(page, base, ids["client"], out / "who-is-who.png")
                phone = browser.new_context(
                    viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True
                )
                client_page = phone.new_page()
                client_page.goto(f"{base}/checkin/{ids['token']}/")
                shoot(client_page, out / "checkin-phone.png", 1600)
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
