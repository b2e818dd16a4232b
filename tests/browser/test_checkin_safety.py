"""The safety path in Chromium against the real demo server, its email going to a real SMTP server on
loopback: a client's critical answer through a real check-in link reaches the practitioner by email
(without any client detail), the practitioner records what they did, and it shows on the timeline.
Then the client's page passes axe at 320, 390 and 1280 px in English and Spanish, with every question's
heading inside its box."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot
from tests.smtp_server import Inbox

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
PHQ9_CRITICAL = ["Several days"] * 9  # item 9 above 0


def serious_accessibility_problems(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async () => (await axe.run()).violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )


def first_client(page, base) -> tuple[str, str, str]:
    """(client page URL, shown name, full name) of the demo practitioner's first client."""
    page.goto(base + "/")
    page.locator("table a[href^='/clients/']").first.click()
    shown = page.get_by_role("heading", level=1).inner_text().split(" (")[0]
    full = page.locator("dt:text-is('Name') + dd").inner_text()
    return page.url, shown, full


def new_link(page, client_url: str, instrument: str, language: str) -> str:
    page.goto(client_url)
    page.get_by_role("link", name="Create check-in link").click()
    if instrument != "relationship-checkin":
        page.get_by_label(instrument).check()
    page.get_by_label("Language").select_option(language)
    page.get_by_role("button", name="Create the link").click()
    return page.get_by_label("Check-in link").input_value()


def wait_for_mail(inbox: Inbox, predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for rcpt, m in list(inbox.received) if predicate(rcpt, m)]
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no such email within {timeout} s; received: {[m['Subject'] for _, m in inbox.received]}")


def test_a_critical_answer_emails_the_practitioner_who_records_the_follow_up(live_server_url, page, smtp_inbox):
    login(page, "demo-practitioner")
    client_url, shown_name, full_name = first_client(page, live_server_url)
    client_path = client_url.replace(live_server_url, "")
    link = new_link(page, client_url, "PHQ-9", "en")
    already = len(smtp_inbox.inbox.received)

    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    client_page = phone.new_page()
    try:
        client_page.goto(link)
        groups = client_page.locator("fieldset.question")
        expect(groups.nth(2)).to_contain_text("Question 3 of 15")
        for n in range(5):
            groups.nth(n).get_by_label("Mostly", exact=True).check()
        for n, answer in enumerate(PHQ9_CRITICAL, 5):
            groups.nth(n).get_by_label(answer, exact=True).check()
        client_page.get_by_role("button", name="Send my answers").click()
        expect(client_page.get_by_role("alert")).to_contain_text("Your practitioner has been told")
    finally:
        phone.close()

    def about_this_client(rcpt, message):
        return "demo-practitioner@demo.alliance.invalid" in rcpt and client_path in Inbox.text(message)

    messages = wait_for_mail(smtp_inbox.inbox, about_this_client)
    new = smtp_inbox.inbox.received[already:]
    assert any(m is messages[-1] for _, m in new), "the email came before the answer"
    text = Inbox.text(messages[-1])
    assert messages[-1]["Subject"] == "A client on your caseload needs a response today"
    for detail in {shown_name, full_name, *full_name.split(), "Several days", "PHQ"}:
        assert detail not in text, detail

    page.goto(client_url)
    card = page.locator(".alert.urgent", has_text="Several days").filter(has=page.get_by_role("link", name="Record follow-up")).first
    expect(card).to_contain_text(re.compile(r"Emailed [A-Z]\w+ [A-Z]\w+, \d+ \w+ \d{4}, \d\d:\d\d\."))
    card.get_by_role("link", name="Record follow-up").click()
    page.get_by_role("button", name="Close the alert").click()
    expect(page.get_by_role("alert").first).to_contain_text("This field is required.")
    page.get_by_label("Contacted the client").check()
    page.get_by_label("A short note").fill("Called them; safe tonight, seeing them tomorrow.")
    page.get_by_role("button", name="Close the alert").click()
    expect(page.locator("ol.timeline")).to_contain_text(re.compile(
        r"Urgent alert closed by [A-Z]\w+ [A-Z]\w+: Contacted the client\. “Called them; safe tonight, seeing them tomorrow\.”"
    ))
    screenshot(page, "safety-follow-up-on-timeline")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_check_in_passes_axe_and_keeps_headings_in_their_boxes_at_phone_and_desktop_widths(live_server_url, page, language):
    login(page, "demo-practitioner")
    client_url, _, _ = first_client(page, live_server_url)
    link = new_link(page, client_url, "PHQ-9", language)
    for width in (320, 390, 1280):
        context = page.context.browser.new_context(viewport={"width": width, "height": 800})
        tab = context.new_page()
        try:
            tab.goto(link)
            expect(tab.get_by_role("heading", level=1)).to_have_text(re.compile(r"^(Hello|Hola),? \w+$"))
            assert serious_accessibility_problems(tab) == [], (language, width)
            overlaps = tab.evaluate(
                """() => [...document.querySelectorAll('fieldset.question')].filter(f => {
                     const box = f.getBoundingClientRect(), legend = f.querySelector('legend').getBoundingClientRect();
                     return legend.top < box.top + 1 || legend.left < box.left || legend.right > box.right + 0.5;
                   }).length"""
            )
            assert overlaps == 0, (language, width)
            assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (language, width)
            screenshot(tab, f"checkin-{language}-{width}")
        finally:
            context.close()


def test_closing_the_page_halfway_keeps_the_answers(live_server_url, page):
    login(page, "demo-practitioner")
    client_url, _, _ = first_client(page, live_server_url)
    link = new_link(page, client_url, "relationship-checkin", "en")
    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    tab = phone.new_page()
    try:
        tab.goto(link)
        with tab.expect_response(lambda r: r.request.method == "POST" and r.status == 204):
            tab.locator("fieldset.question").nth(0).get_by_label("Completely").check()
        with tab.expect_response(lambda r: r.request.method == "POST" and r.status == 204):
            tab.locator("fieldset.question").nth(1).get_by_label("Partly").check()
        tab.close()  # closed halfway, no button pressed
        again = phone.new_page()
        again.goto(link)
        expect(again.get_by_text("Welcome back: your earlier answers are filled in.")).to_be_visible()
        expect(again.locator("fieldset.question").nth(0).get_by_label("Completely")).to_be_checked()
        expect(again.locator("fieldset.question").nth(1).get_by_label("Partly")).to_be_checked()
    finally:
        phone.close()
