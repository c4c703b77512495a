"""A job seeker finds "cashier", opens the occupation, takes "Which careers fit me?", sees every
occupation ranked with pay, names their current occupation to see the desirable moves, and
opens one gap report."""

import re
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.careers.occupations.slice import PAGE_CODES, shipped_slice

# Every rating group of the page at a level, as a person clicking down the page would.
RATE_EVERY_SKILL = """level => {
  for (const name of new Set([...document.querySelectorAll('input[name^="rating-"]')]
      .map(input => input.name))) {
    document.querySelector(`input[name="${name}"][value="${level}"]`).click();
  }
}"""


def serious_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{page.url}: {violation['id']} {[node['target'] for node in violation['nodes']][:3]}"
        for violation in violations
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def occupations(transactional_db, tmp_path):
    folder, wages = shipped_slice(tmp_path, PAGE_CODES)
    call_command(
        "load_occupations", "--onet", str(folder), "--wages", str(wages), stdout=StringIO()
    )


def test_cashier_to_ranking_with_pay_desirable_moves_and_a_gap_report(
    live_server, occupations, browser, screenshot
):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/occupations/?q=cashier")
    page.get_by_role("link", name="Cashiers", exact=True).click()
    expect(page.get_by_role("heading", name="Cashiers")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Which careers fit me?").click()
    expect(page.get_by_text(re.compile(r"About \d+ minutes"))).to_be_visible()
    problems = serious_violations(page)
    page.get_by_role("button", name="Rate my skills").click()
    problems += serious_violations(page)

    while "/review/" not in page.url:
        expect(page.get_by_text(re.compile(r"Question \d+ of \d+"))).to_be_visible()
        page.evaluate(RATE_EVERY_SKILL, 3)
        next_page = page.get_by_role("button", name=re.compile("Save and (continue|review)"))
        next_page.click()
    page.get_by_role("button", name="See which careers fit me").click()

    expect(page.get_by_role("heading", name="Careers that fit your skills")).to_be_visible()
    expect(page.get_by_role("cell", name="$44,770").first).to_be_visible()
    expect(page.get_by_text("includes information from the O*NET 29.0 Database")).to_be_visible()
    page.get_by_label("Your current occupation").fill("Customer Service Representatives")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Your current occupation:")).to_be_visible()
    expect(page.locator(".desirable").first).to_be_visible()
    screenshot(page, "explore-ranking-desktop")
    problems += serious_violations(page)
    assert problems == [], "\n".join(problems)

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.add_cookies(context.cookies())
    phone_page = phone.new_page()
    phone_page.goto(page.url)
    expect(phone_page.locator(".desirable").first).to_be_visible()
    screenshot(phone_page, "explore-ranking-phone")
    phone.close()

    first_row = page.locator("table.ranking tbody tr").first
    title = first_row.get_by_role("rowheader").inner_text()
    first_row.get_by_role("button", name=re.compile("Gap report")).click()
    expect(page.get_by_role("heading", name=f"How ready you are for {title}")).to_be_visible()
    expect(page.get_by_role("link", name="Make this my plan")).to_be_visible()
    screenshot(page, "explore-gap-report")
    context.close()
