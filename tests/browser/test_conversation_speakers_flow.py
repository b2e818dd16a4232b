"""A practitioner, in Chromium against the real demo server, uploads a family session without naming herself:
she checks who is who (merging the two spellings of her name, marking the sister as someone else), the
session is analysed again, then she leaves it out of her trends and deletes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot
from tests.web.conversation_fixtures import FAMILY

pytestmark = pytest.mark.browser


def test_who_is_who_is_checked_changed_and_the_analysis_can_be_left_out_and_deleted(live_server_url, page, tmp_path):
    transcript = tmp_path / "family-session.txt"
    transcript.write_text(FAMILY, encoding="utf-8")
    login(page, "demo-practitioner")
    page.goto(live_server_url + "/")
    page.locator("main a[href^='/clients/']:not([href='/clients/new/'])").first.click()
    page.get_by_role("link", name="Record a contact").click()
    # An old date, so this contact (whose analysis the test deletes) never becomes the client's latest:
    # other browser tests on the shared demo server open the latest attended contact's analysis.
    page.get_by_label("Date and time").fill("2025-01-06T10:00")
    page.get_by_label("Consent to recording and transcript analysis").select_option("yes")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Transcript file").set_input_files(str(transcript))
    page.get_by_role("button", name="Analyse the transcript").click()

    step = page.locator(".speaker-step")
    expect(step.get_by_role("heading", name="Who is who? Please check")).to_be_visible(timeout=60_000)
    expect(step.get_by_text("Thanks for coming in, both of you.")).to_be_visible()
    expect(step.get_by_text("This conversation counts in your trends once you confirm.")).to_be_visible()
    screenshot(page, "conversation-6-who-is-who")

    page.get_by_label("Who is Dana R?").select_option("practitioner")
    page.get_by_label("Who is DANA?").select_option("Dana R")
    page.get_by_label("Who is Sam?").select_option("client")
    page.get_by_label("Who is Lee?").select_option("other")
    page.get_by_role("button", name="Confirm who is who").click()
    expect(page.get_by_text("being analysed again")).to_be_visible()
    expect(page.get_by_text("Who is who as you set it: 'Dana R' is the practitioner")).to_be_visible(timeout=60_000)
    turns = page.locator(".utterance")
    expect(turns.filter(has_text="Lee").first.locator(".code")).to_have_count(0)
    expect(turns.filter(has_text="Lee").first).to_contain_text("(other)")

    page.get_by_role("button", name="Leave it out of my trends").click()
    expect(page.get_by_text("Left out of trends")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this analysis").click()
    expect(page.get_by_text("The analysis and its transcript are deleted.")).to_be_visible()
    expect(page.get_by_role("button", name="Analyse the transcript")).to_be_visible()
