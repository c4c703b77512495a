"""The ratings pages on a phone: each level labelled by its short anchor, the full text folded
one tap away, so a page is a few screens rather than a long scroll."""

import re

from playwright.sync_api import expect

from careers.models import Role

# Customer Service Specialist's page 2 (12 skills) measured 16,400 px on a 390 × 844 phone when
# issue 13 was filed, 11,588 px with the full anchors as labels, 7,554 px with the short ones.
LONGEST_RATINGS_PAGE_MAX_HEIGHT = 8_000


def test_the_longest_ratings_page_is_under_ten_phone_screens(
    live_server, shipped_catalog, phone_page, screenshot
):
    page = phone_page
    role = Role.objects.get(slug="customer-service-specialist")
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").click()
    page.get_by_role("button", name=re.compile("Save and continue")).click()
    expect(page.get_by_text(re.compile(r"Step 2 of \d+"))).to_be_visible()

    height = page.evaluate("document.documentElement.scrollHeight")
    screenshot(page, "questionnaire-ratings-phone")
    assert height <= LONGEST_RATINGS_PAGE_MAX_HEIGHT
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll

    first = page.locator(".question-card").first
    expect(first.locator("label.form-check-label").nth(2)).to_contain_text("3 · Competent")
    details = first.locator("details.level-details")
    expect(details.locator("dd").first).to_be_hidden()
    details.locator("summary").click()
    expect(details.locator("dd")).to_have_count(5)
    expect(details.locator("dd").first).to_be_visible()
    # Opening the full text changes no answer and needs no script: it is a native <details>.
    expect(first.locator("input[type=radio]:checked")).to_have_count(0)
