"""In Chromium against the real server: sign in as the demo practitioner and see the caseload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser


def test_the_practitioner_signs_in_and_sees_their_caseload_with_links_to_each_client(live_server_url, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(live_server_url + "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    login(page, live_server_url, "demo-practitioner")
    expect(page).to_have_url(live_server_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    expect(page.get_by_role("heading", name="Who needs attention today")).to_be_visible()
    links = page.locator("#client-table a[href^='/clients/']")
    expect(links.first).to_be_visible()
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(re.fullmatch(r"/clients/[0-9a-f-]{36}/", href) for href in hrefs)
    screenshot(page, "login-caseload")
    links.first.click()
    expect(page).to_have_url(re.compile(r"/clients/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("link", name="Record a contact")).to_be_visible()
    page.get_by_role("link", name="Edit details").click()  # a form page, with checkbox labels
    expect(page.get_by_role("button", name="Save")).to_be_visible()
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_a_wrong_password_is_refused_with_a_plain_message(live_server_url, page):
    login(page, live_server_url, "demo-other-team", password="not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username and password.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_signing_out_returns_to_the_login_page(live_server_url, page):
    login(page, "demo-supervisor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(live_server_url + "/accounts/login/")
    page.goto(live_server_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
