"""The whole check-in path in Chromium against the real demo server: the practitioner creates a link →
the client answers on a phone (one question by keyboard) → "Thank you" with the crisis text →
the link is refused the second time → the practitioner sees the chart and the alerts."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from playwright.sync_api import expect

try:
    from tests.browser.conftest import login
except ImportError:  # the shared browser fixtures land separately
    pytest.skip("tests/browser/conftest.py (live server, page, login) is not in this checkout yet", allow_module_level=True)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("ALLIANCE_TEST_ARTIFACTS", "test-artifacts"))
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
RELATIONSHIP = ["Mostly", "A little", "Mostly", "Partly", "Mostly"]
PHQ9 = ["Several days"] * 8 + ["Several days"]  # item 9 above 0: the crisis text, an urgent alert


def utc_day() -> str:
    return datetime.now(timezone.utc).date().isoformat()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checkin-{name}.png"), full_page=True)


def serious_accessibility_problems(page) -> list[str]:
    # evaluate() runs outside the page's CSP, so the vendored axe-core needs no script-src exception.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run()).violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.help)")
    return found


def test_link_answer_thank_you_reuse_refused_then_the_practitioner_sees_chart_and_alerts(live_server_url, page):
    login(page, "demo-practitioner")
    page.goto(live_server_url + "/")
    page.locator("main a[href^='/clients/']:not([href='/clients/new/'])").first.click()
    client_url = page.url
    page.get_by_role("link", name="Create check-in link").click()
    page.get_by_label("PHQ-9").check()
    page.get_by_label("Language").select_option("en")
    page.get_by_role("button", name="Create the link").click()
    link = page.get_by_label("Check-in link").input_value()
    assert re.fullmatch(re.escape(live_server_url) + r"/checkin/[A-Za-z0-9_-]{43}/", link)
    expect(page.locator(".qr-wrap svg")).to_be_visible()
    shot(page, "1-link-created")

    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    client_page = phone.new_page()
    try:
        client_page.goto(link)
        expect(client_page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Hello \w+$"))
        assert serious_accessibility_problems(client_page) == []
        shot(client_page, "2-phone-form")
        groups = client_page.locator("fieldset.question")
        # The first question by keyboard alone: Tab into the group, arrows move the choice.
        client_page.locator("input[name='relationship-checkin-1']").first.focus()
        client_page.keyboard.press("ArrowDown")
        client_page.keyboard.press("ArrowDown")
        client_page.keyboard.press("ArrowDown")
        expect(groups.nth(0).get_by_label("Mostly")).to_be_checked()
        for n, answer in enumerate(RELATIONSHIP[1:] + PHQ9, 1):
            groups.nth(n).get_by_label(answer, exact=True).check()
        sent_on = {utc_day()}  # the answer's day, as the server stores it (UTC); two if midnight falls in between
        client_page.get_by_role("button", name="Send my answers").click()
        expect(client_page.get_by_role("heading", name=re.compile("^Thank you"))).to_be_visible()
        sent_on.add(utc_day())
        expect(client_page.get_by_role("alert")).to_contain_text("If you are thinking about hurting yourself")
        shot(client_page, "3-thank-you-with-crisis-text")

        client_page.goto(link)
        expect(client_page.get_by_role("heading", name="This link has already been used")).to_be_visible()
        shot(client_page, "4-reuse-refused")
    finally:
        phone.close()

    page.goto(client_url)
    section = page.locator("section.checkins")
    expect(section.get_by_role("heading", name="Check-ins", exact=True)).to_be_visible()
    expect(section.locator("svg.chart title", has_text="PHQ-9 over time")).to_have_count(1)
    expect(section.get_by_text("Caseness (10)").first).to_be_attached()
    answered_on = "|".join(sorted(sent_on))
    expect(section.get_by_text(re.compile(f"On ({answered_on}) the client answered .* to PHQ-9 question 9"))).to_be_visible()
    expect(section.get_by_text(re.compile("worth asking, openly and without defending"))).to_be_visible()
    section.get_by_text("The answers behind this").first.click()
    shot(page, "5-practitioner-sees-chart-and-alerts")
    section.screenshot(path=str(ARTIFACTS / "checkin-6-section.png"))
