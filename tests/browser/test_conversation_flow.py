"""A practitioner, in Chromium against the real demo server: client → contact → upload a transcript →
progress → the analysis → a feedback link to its turn → a reflection with the evidence beside the prompts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from alliance.records.demo_conversations import session_text

try:
    from tests.browser.conftest import login, screenshot
except ImportError:  # the shared browser fixtures land separately
    pytest.skip("tests/browser/conftest.py (live server, page, login) is not in this checkout yet", allow_module_level=True)

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"


def shot(page, name: str) -> None:
    screenshot(page, f"conversation-{name}")


def serious_accessibility_problems(page) -> list[str]:
    # evaluate() runs outside the page's CSP, so the vendored axe-core needs no script-src exception.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async () => (await axe.run()).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')"
    )


def test_a_practitioner_uploads_a_transcript_follows_the_feedback_and_reflects(live_server_url, page, tmp_path):
    transcript = tmp_path / "drinking-session.txt"
    transcript.write_text(session_text("drinking_weekends_mixed.txt"), encoding="utf-8")

    login(page, "demo-practitioner")
    page.goto(live_server_url + "/")
    page.locator("main a[href^='/clients/']:not([href='/clients/new/'])").first.click()
    page.get_by_role("link", name="Record a contact").click()
    page.get_by_label("Consent to recording and transcript analysis").select_option("yes")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Conversation")).to_be_visible()
    shot(page, "1-contact-with-upload-form")

    page.get_by_label("Transcript file").set_input_files(str(transcript))
    page.get_by_label("Your name as it appears in the transcript").fill("Alex")
    page.get_by_role("button", name="Analyse the transcript").click()
    expect(page.get_by_text("The transcript is being analysed")).to_be_visible()
    shot(page, "2-progress")

    # HTMX polls the status fragment and swaps the analysis in; no reload needed.
    expect(page.get_by_role("heading", name="The session in numbers")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("expert opinion")).to_be_visible()
    expect(page.locator(".utterance .code").first).to_be_visible()
    shot(page, "3-analysis")
    page.reload()  # without the "Thank you" message: base.html's message list is the lead's to check
    assert serious_accessibility_problems(page) == []

    link = page.locator(".conversation-feedback a").first
    target = link.get_attribute("href")
    assert re.fullmatch(r"#utterance-\d+", target)
    link.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()
    shot(page, "4-feedback-turn")

    page.get_by_role("link", name="Write a reflection").click()
    evidence = page.locator("dl.evidence")
    expect(evidence.get_by_text("Did I listen fully?")).to_be_visible()
    expect(evidence.get_by_text(re.compile(r"You offered \d+ reflections and asked \d+ questions"))).to_be_visible()
    page.get_by_label("Did I listen fully?").fill("Mostly. I could have reflected the football more.")
    page.get_by_label("What would I try differently?").fill("Ask before sharing ideas, every time.")
    shot(page, "5-reflection-with-evidence")
    assert serious_accessibility_problems(page) == []
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection saved.")).to_be_visible()
    shot(page, "6-reflection-saved")


def test_without_javascript_the_refresh_link_brings_the_analysis(live_server_url, browser, tmp_path):
    transcript = tmp_path / "loneliness.vtt"
    transcript.write_text(session_text("loneliness_reflective.vtt"), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False, base_url=live_server_url)
    page = context.new_page()
    try:
        login(page, "demo-practitioner")
        page.goto(live_server_url + "/")
        page.locator("main a[href^='/clients/']:not([href='/clients/new/'])").nth(1).click()
        page.get_by_role("link", name="Record a contact").click()
        page.get_by_label("Consent to recording and transcript analysis").select_option("yes")
        page.get_by_role("button", name="Save").click()
        page.get_by_label("Transcript file").set_input_files(str(transcript))
        page.get_by_role("button", name="Analyse the transcript").click()
        for _ in range(60):
            if page.get_by_role("heading", name="The session in numbers").count():
                break
            page.get_by_role("link", name="refresh").click()
            page.wait_for_timeout(500)
        expect(page.get_by_role("heading", name="The session in numbers")).to_be_visible()
        expect(page.locator(".utterance .code").first).to_be_visible()
        shot(page, "7-without-javascript")
    finally:
        context.close()
