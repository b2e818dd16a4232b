"""A practitioner of another team, in Chromium against the real demo server, is refused a North Team client."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

try:
    from tests.browser.conftest import login, screenshot
except ImportError:  # the shared browser fixtures land separately
    pytest.skip("tests/browser/conftest.py (live server, page, login) is not in this checkout yet", allow_module_level=True)

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    screenshot(page, f"other-team-{name}")


def test_another_teams_practitioner_opening_a_north_team_clients_address_finds_nothing_here(live_server_url, page):
    login(page, "demo-practitioner")
    page.goto(live_server_url + "/")
    link = page.locator("#client-table a[href^='/clients/']").first
    client_url, client_name = link.get_attribute("href"), link.inner_text()
    page.context.clear_cookies()

    login(page, "demo-other-team")
    page.goto(live_server_url + "/")
    expect(page.get_by_role("heading", level=1, name="Caseload")).to_be_visible()
    expect(page.locator(f"a[href='{client_url}']")).to_have_count(0)

    for url in (client_url, client_url + "access/", "/team/"):
        response = page.goto(live_server_url + url)
        assert response.status == 404, url
        expect(page.get_by_role("heading", level=1, name="Nothing here")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text(client_name + " ")
        expect(page.locator(f"a[href='{client_url}']")).to_have_count(0)
    shot(page, "nothing-here")
