"""In Chromium against the real demo server: charts readable at phone and desktop width, pages that print
without menus, the case-review and session PDFs, the exports, one needs-attention answer, the admin's home."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

try:
    from tests.browser.conftest import login, screenshot
except ImportError:  # the shared browser fixtures land separately
    pytest.skip("tests/browser/conftest.py (live server, page, login) is not in this checkout yet", allow_module_level=True)

pytestmark = pytest.mark.browser
if shutil.which("pdftotext") is None:  # the PDF tests read the text back; scripts/test installs poppler-utils
    pytest.skip("pdftotext (poppler-utils) is not installed", allow_module_level=True)

# For every visible chart: the smallest text as drawn on screen (font size x the SVG's scale), and any two
# axis labels (the bottom row of text) whose boxes overlap.
MEASURE = """() => [...document.querySelectorAll('.chart-box svg')].filter(s => s.getBoundingClientRect().width > 0).map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const smallest = Math.min(...texts.map(t => parseFloat(t.getAttribute('font-size')) * scale));
  const boxes = texts.map(t => t.getBoundingClientRect());
  const bottom = Math.max(...boxes.map(b => b.top));
  const row = boxes.filter(b => Math.abs(b.top - bottom) < 2).sort((a, b) => a.left - b.left);
  const overlaps = row.slice(1).filter((b, i) => b.left < row[i].right).length;
  const outside = boxes.filter(b => b.width && (b.left < svg.getBoundingClientRect().left - 1 || b.right > svg.getBoundingClientRect().right + 1)).length;
  return {layout: svg.dataset.layout, width: svg.getBoundingClientRect().width, smallest, overlaps, outside};
})"""


def pdf_text(body: bytes) -> str:
    assert body.startswith(b"%PDF-")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True, timeout=60).stdout.decode()


def open_attention_client(page, live_server_url) -> str:
    """The first client under "Who needs attention today" (the demo's stories have check-ins and a session)."""
    page.goto(live_server_url + "/")
    link = page.locator("section:has(#attention-heading) li a").first
    href = link.get_attribute("href")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return href


def analyzed_contact(page) -> str:
    """The client page's latest attended contact, which the demo analysed."""
    rows = page.locator("section:has(#contacts-heading) tbody tr")
    for i in range(rows.count()):
        row = rows.nth(i)
        if "Attended" in row.inner_text():
            return row.locator("a").first.get_attribute("href")
    raise AssertionError("no attended contact on the client page")


@pytest.mark.parametrize("width", [320, 390, 820, 1280])
def test_charts_fill_a_phone_and_keep_their_text_at_11_px_with_no_labels_touching(live_server_url, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server_url)
    page = context.new_page()
    try:
        login(page, "demo-practitioner")
        open_attention_client(page, live_server_url)
        # Measure once a chart is laid out (on a busy machine the first evaluate could come before it).
        expect(page.locator(".chart-box svg >> visible=true").first).to_be_visible()
        charts = page.evaluate(MEASURE)
        assert charts, "the client page shows charts"
        for chart in charts:
            if width <= 390:
                assert chart["layout"] == "narrow", chart
            assert chart["smallest"] >= 11, chart
            assert chart["overlaps"] == 0 and chart["outside"] == 0, chart
            if width <= 390:
                assert chart["width"] >= 0.75 * width, chart  # full width, not a thumbnail
        screenshot(page, f"charts-client-{width}")
        page.goto(live_server_url + "/practice/")
        for chart in page.evaluate(MEASURE):
            assert chart["smallest"] >= 11 and chart["overlaps"] == 0 and chart["outside"] == 0, chart
        screenshot(page, f"charts-practice-{width}")
    finally:
        context.close()


def test_the_client_page_the_analyzed_conversation_and_the_team_page_print_without_menus_or_buttons(live_server_url, page):
    login(page, "demo-supervisor")
    open_attention_client(page, live_server_url)
    contact = analyzed_contact(page)
    for url in (page.url, live_server_url + contact, live_server_url + "/team/"):
        page.goto(url)
        page.emulate_media(media="print")
        expect(page.locator("header.site")).to_be_hidden()
        expect(page.get_by_text("Printed from Alliance by Sam Okafor")).to_be_visible()
        expect(page.locator("main .actions").first).to_be_hidden()
        # Chromium's own print-to-PDF of the page: the record is there, the menus are not.
        text = pdf_text(page.pdf(format="A4"))
        assert "Printed from Alliance by Sam Okafor" in text and "Sign out" not in text, url
        page.emulate_media(media="screen")
        expect(page.locator("header.site")).to_be_visible()


def test_the_case_review_and_session_pdfs_render_with_their_key_sections(live_server_url, page):
    login(page, "demo-practitioner")
    open_attention_client(page, live_server_url)
    name = page.get_by_role("heading", level=1).inner_text().split(" (")[0]
    summary = page.get_by_role("link", name="Case review summary (PDF)").get_attribute("href")
    response = page.request.get(live_server_url + summary)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    for part in (f"Case review: {name}", "Practitioner: Alex Rivera", "Needs attention", "Goals", "Check-ins",
                 "Recent contacts", "Page 1 of"):
        assert part in text, part
    page.goto(live_server_url + analyzed_contact(page))
    session = page.get_by_role("link", name="Session analysis (PDF)").get_attribute("href")
    text = pdf_text(page.request.get(live_server_url + session).body())
    for part in ("Session analysis:", "The session in numbers", "Feedback", "The conversation, turn by turn", "Page 1 of"):
        assert part in text, part


def test_the_practitioner_downloads_check_ins_and_a_sessions_codes(live_server_url, page):
    login(page, "demo-practitioner")
    client_url = open_attention_client(page, live_server_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Check-ins as CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows and {r["client_ref"] for r in rows} == {client_url.strip("/").split("/")[-1]}
    with page.expect_download() as download:
        page.get_by_role("link", name="Check-ins as FHIR").click()
    assert '"resourceType": "Bundle"' in open(download.value.path(), encoding="utf-8").read()
    page.goto(live_server_url + analyzed_contact(page))
    with page.expect_download() as download:
        page.get_by_role("link", name="Codes as CSV").click()
    codes = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert {r["interlocutor"] for r in codes} >= {"therapist", "client"}
    assert {"main_therapist_behaviour", "client_talk_type", "utterance_text"} <= set(codes[0])
    page.goto(live_server_url + client_url + "access/")
    expect(page.get_by_role("cell", name="Exported").first).to_be_visible()


def test_the_caseload_and_the_client_page_give_the_same_answer_about_attention(live_server_url, page):
    login(page, "demo-practitioner")
    page.goto(live_server_url + "/")
    first = page.locator("section:has(#attention-heading) li").first
    # Each reason's own words, without the caseload's "5 weeks ago:" in front.
    reasons = first.evaluate("li => [...li.querySelectorAll('p')].map(p => { const c = p.cloneNode(true); "
                             "c.querySelectorAll('.muted').forEach(m => m.remove()); return c.textContent.trim(); })")
    assert reasons
    first.locator("a").first.click()
    section = page.locator("section:has(#alerts-heading)")
    expect(section.get_by_role("heading", name="Needs attention")).to_be_visible()
    for reason in reasons:
        expect(section.get_by_text(reason, exact=False).first).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_administrator_signs_in_to_an_administration_home_with_no_serious_accessibility_problems(
    live_server_url, browser, width
):
    from tests.browser.test_accessibility import problems

    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900}, base_url=live_server_url)
    page = context.new_page()
    try:
        login(page, "demo-admin")
        expect(page.get_by_role("heading", level=1, name="Administration home")).to_be_visible()
        expect(page.get_by_text("Who needs attention today")).to_have_count(0)
        expect(page.get_by_role("cell", name="North Team")).to_be_visible()
        assert problems(page, "admin-home") == []
    finally:
        context.close()

