"""axe-core on every main page, in Chromium against the real demo server: no serious or critical violations,
and no sideways scrolling at the width tested.

Practitioner and supervisor pages at desktop (1280 px), tablet (820 px) and phone (390 px) width
(a practitioner checking a client's page between visits does it on a phone); the client's check-in
page at desktop and phone width. axe-core is vendored in tests/browser/vendor (MPL-2.0); it is
injected as a script, so these contexts bypass the page's CSP (the app itself never inlines scripts).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

try:
    from tests.browser.conftest import login, screenshot
except ImportError:  # the shared browser fixtures land separately
    pytest.skip("tests/browser/conftest.py (live server, page, login) is not in this checkout yet", allow_module_level=True)

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING = ("serious", "critical")
DESKTOP, TABLET, PHONE = 1280, 820, 390


def problems(page, name: str) -> list[str]:
    """Serious and critical axe violations on the current page, one readable line each; saves a screenshot."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    width = page.viewport_size["width"]
    screenshot(page, f"axe-{name}-{width}")
    found = [f"{name} at {width}px: {v['id']} ({v['impact']}): {v['help']} at {v['where']}" for v in violations if v["impact"] in BLOCKING]
    # Usable at this width: nothing forces the reader to scroll sideways.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        found.append(f"{name} at {width}px: the page is {scroll_width}px wide, so it scrolls sideways")
    return found


def new_page(page, width: int):
    """A fresh context of the same browser at this width, allowed to inject axe."""
    context = page.context.browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    return context, context.new_page()


def first_href(page, selector: str) -> str:
    href = page.locator(selector).first.get_attribute("href")
    assert href, selector
    return href


@pytest.mark.parametrize("width", [DESKTOP, TABLET, PHONE])
def test_the_practitioners_pages_have_no_serious_accessibility_problems(live_server_url, page, width):
    context, tab = new_page(page, width)
    found = []
    tab.goto(live_server_url + "/accounts/login/")
    found += problems(tab, "login")
    login(tab, "demo-practitioner")
    tab.goto(live_server_url + "/")
    found += problems(tab, "caseload")
    client_url = first_href(tab, "#client-table a[href^='/clients/']")
    tab.goto(live_server_url + client_url)
    found += problems(tab, "client")
    contact_url = first_href(tab, "section:has(#contacts-heading) a[href^='/contacts/']")
    tab.goto(live_server_url + contact_url)
    found += problems(tab, "contact")
    tab.goto(live_server_url + contact_url + "reflection/")
    found += problems(tab, "reflection-form")
    tab.goto(live_server_url + "/practice/")
    found += problems(tab, "my-practice")
    tab.goto(live_server_url + "/clients/import/")
    found += problems(tab, "import")
    tab.goto(live_server_url + analyzed_contact(tab, live_server_url))
    found += problems(tab, "analysed-contact")
    context.close()
    assert found == []


def analyzed_contact(tab, base: str) -> str:
    """A contact of the demo's whose transcript was analysed: the relationship view links to its conversation."""
    tab.goto(base + "/")
    clients = [a.get_attribute("href") for a in tab.locator("#client-table a[href^='/clients/']").all()]
    for url in clients:
        tab.goto(base + url)
        link = tab.locator("a[href$='#conversation']")
        if link.count():
            return link.first.get_attribute("href")
    raise AssertionError("no analysed conversation in the demo")


@pytest.mark.parametrize("width", [DESKTOP, TABLET, PHONE])
def test_the_supervisors_pages_have_no_serious_accessibility_problems(live_server_url, page, width):
    context, tab = new_page(page, width)
    found = []
    login(tab, "demo-supervisor")
    tab.goto(live_server_url + "/team/")
    found += problems(tab, "team")
    tab.goto(live_server_url + first_href(tab, "a[href^='/team/practitioners/']"))
    found += problems(tab, "team-practitioner")
    tab.goto(live_server_url + "/team/")
    tab.goto(live_server_url + first_href(tab, "a[href$='/access/']"))
    found += problems(tab, "access-history")
    context.close()
    assert found == []


def test_the_clients_check_in_page_has_no_serious_accessibility_problems_on_a_phone_or_a_desktop(live_server_url, page):
    context, tab = new_page(page, DESKTOP)
    login(tab, "demo-practitioner")
    tab.goto(live_server_url + "/")
    tab.goto(live_server_url + first_href(tab, "#client-table a[href^='/clients/']"))
    tab.get_by_role("link", name="Create check-in link").click()
    tab.get_by_role("button", name="Create the link").click()
    checkin_url = tab.locator("#checkin-url").input_value()
    assert re.search(r"/checkin/[^/]+/$", checkin_url)
    context.close()
    found = []
    for width in (PHONE, DESKTOP):
        context, tab = new_page(page, width)
        tab.goto(checkin_url)  # the client has no account: a fresh, signed-out browser
        found += problems(tab, "checkin")
        context.close()
    assert found == []
