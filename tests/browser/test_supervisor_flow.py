"""A supervisor, in Chromium against the real demo server: Team → an alert → the client, read-only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

try:
    from tests.browser.conftest import login, screenshot
except ImportError:  # the shared browser fixtures land separately
    pytest.skip("tests/browser/conftest.py (live server, page, login) is not in this checkout yet", allow_module_level=True)

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    screenshot(page, f"supervisor-{name}")


def test_the_supervisor_goes_from_the_team_page_to_an_alert_and_on_to_the_client(live_server_url, page):
    login(page, "demo-supervisor")
    page.goto(live_server_url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", level=1, name="Team")).to_be_visible()
    expect(page.get_by_role("heading", name="Alerts across the team")).to_be_visible()
    expect(page.get_by_role("heading", name="Practitioners")).to_be_visible()
    shot(page, "1-team")

    alert = page.locator("section:has(#team-alerts-heading) li.alert").first
    name = alert.locator("a").first.inner_text()
    message = alert.locator("p").first.inner_text()
    alert.locator("a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.get_by_text(message).first).to_be_visible()
    # Read-only for a supervisor who isn't the client's practitioner: no buttons that change the record.
    expect(page.get_by_role("link", name="Record a contact")).to_have_count(0)
    expect(page.get_by_role("link", name="Access history")).to_be_visible()
    shot(page, "2-client-from-alert")

    page.get_by_role("link", name="Access history").click()
    expect(page.get_by_role("heading", level=1, name="Access history")).to_be_visible()
    expect(page.get_by_role("cell", name="Sam Okafor").first).to_be_visible()  # this visit is in the trail
    shot(page, "3-access-history")


def test_the_supervisor_opens_a_practitioners_trends_from_the_team_page(live_server_url, page):
    login(page, "demo-supervisor")
    page.goto(live_server_url + "/team/")
    page.get_by_role("link", name="Alex Rivera").first.click()
    expect(page.get_by_role("heading", level=1, name="Alex Rivera")).to_be_visible()
    expect(page.get_by_role("heading", name="Reflections per question")).to_be_visible()
    expect(page.get_by_text("compares them only with their own past")).to_be_visible()
    shot(page, "4-practitioner-trends")
