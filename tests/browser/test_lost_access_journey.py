"""On a phone, the two bad endings of "Save and continue": a session that expired while the
page was open, and a CSRF cookie that is gone. Both end on a page in the site's look that
says what happened and how to go on, with nothing saved before lost."""

import re
from urllib.parse import urlencode

from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Assessment
from careers.models import Role
from tests.assessments.conftest import step_url

SAVE = re.compile("Save and continue|Save and review answers")
NOTE = "Answered the support line for two years"


def answer_the_page(page, choice: int) -> None:
    """Clicks level `choice` in every radio group and writes an evidence note on the first."""
    groups = page.locator("fieldset:has(input[type=radio])")
    for index in range(groups.count()):
        labels = groups.nth(index).locator("label.form-check-label")
        labels.nth(min(choice, labels.count()) - 1).click()
    page.locator("details.evidence summary").first.click()
    page.locator("[name^=note-]").first.fill(NOTE)


def drop_cookie(page, name: str) -> None:
    kept = [cookie for cookie in page.context.cookies() if cookie["name"] != name]
    assert len(kept) < len(page.context.cookies()), f"no {name} cookie to drop"
    page.context.clear_cookies()
    page.context.add_cookies(kept)


def saved_answers(assessment: Assessment) -> dict[str, tuple[int | None, str]]:
    return {
        rating.skill.slug: (rating.level, rating.evidence_note)
        for rating in assessment.ratings.select_related("skill")
    }


def expect_the_sites_own_page(page) -> None:
    """The styled base template (header, brand, stylesheet), not Django's bare pages."""
    expect(page.locator("header.site-header .brand")).to_be_visible()
    expect(page.locator("link[href$='css/app.css']")).to_have_count(1)
    for bare in ("Forbidden (403)", "CSRF verification failed", "typo", "couldn’t find"):
        expect(page.locator("body")).not_to_contain_text(bare)


def start_and_save_the_first_page(page, live_server) -> Assessment:
    role = Role.objects.get(slug="customer-service-associate")
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").click()
    page.get_by_label("Years in customer-facing work").fill("3")
    answer_the_page(page, choice=4)
    page.get_by_role("button", name=SAVE).click()
    expect(page.get_by_text(re.compile(r"Step 2 of \d+"))).to_be_visible()
    return Assessment.objects.get()


def test_an_expired_session_ends_on_the_resume_link_and_loses_nothing_saved(
    live_server, shipped_catalog, phone, screenshot
):
    assessment = start_and_save_the_first_page(phone, live_server)
    before = saved_answers(assessment)
    assert len(before) > 1 and NOTE in {note for _, note in before.values()}
    answer_the_page(phone, choice=2)
    drop_cookie(phone, "sessionid")  # the session expired while the page was open

    phone.get_by_role("button", name=SAVE).click()
    heading = phone.get_by_role("heading", name="This browser can no longer open that assessment")
    expect(heading).to_be_visible()
    expect(phone.get_by_text("could not be saved from here")).to_be_visible()  # said plainly
    expect(phone.get_by_text("Open the private resume link you saved.")).to_be_visible()
    login = f"{reverse('accounts:login')}?{urlencode({'next': step_url(assessment, 2)})}"
    expect(phone.locator("main").get_by_role("link", name="Log in")).to_have_attribute(
        "href", login
    )
    expect_the_sites_own_page(phone)
    screenshot(phone, "lost-session-phone")
    assert saved_answers(assessment) == before  # nothing of the sent page, nothing lost

    phone.goto(live_server.url + assessment.get_resume_url())  # the link they saved
    expect(phone.get_by_text(re.compile(r"Step 2 of \d+"))).to_be_visible()
    phone.goto(live_server.url + step_url(assessment, 1))
    expect(phone.get_by_label("Years in customer-facing work")).to_have_value("3")
    expect(phone.locator("[name^=note-]").first).to_have_value(NOTE)
    checked = phone.locator("fieldset:has([name^=rating-]) input:checked")
    expect(checked).to_have_count(len(before))
    assert saved_answers(assessment) == before


def test_a_lost_csrf_cookie_ends_on_a_styled_page_that_sends_the_answers_again(
    live_server, shipped_catalog, phone, screenshot
):
    assessment = start_and_save_the_first_page(phone, live_server)
    before = saved_answers(assessment)
    answer_the_page(phone, choice=2)
    drop_cookie(phone, "csrftoken")

    phone.get_by_role("button", name=SAVE).click()
    expect(phone.get_by_role("heading", name="Please try again")).to_be_visible()
    expect(phone.get_by_text("What you sent is kept on this page.")).to_be_visible()
    expect(phone.get_by_role("link", name="Back to the page")).to_be_visible()
    expect_the_sites_own_page(phone)
    screenshot(phone, "lost-csrf-cookie-phone")
    assert saved_answers(assessment) == before  # the failed post saved nothing

    phone.get_by_role("button", name="Send again").click()
    expect(phone.get_by_text(re.compile(r"Step 3 of \d+"))).to_be_visible()
    after = saved_answers(assessment)
    on_page_two = {slug: answer for slug, answer in after.items() if slug not in before}
    assert on_page_two and {level for level, _ in on_page_two.values()} == {2}
    assert NOTE in {note for _, note in on_page_two.values()}
    assert {slug: after[slug] for slug in before} == before
    assert Assessment.objects.get().years_experience == 3
