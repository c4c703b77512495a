"""A job seeker shares a result with a counselor, who reviews it and writes a note; the job
seeker withdraws the share and the counselor sees nothing any more."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from assessments.models import PublicLink
from careers.models import Role
from counselors.services import counselor_make

PASSWORD = "a-long-passphrase-42"


@pytest.fixture
def people(transactional_db):
    call_command("loaddata", "catalog", "scenarios", verbosity=0)
    users = get_user_model().objects
    seeker = users.create_user("samira-k", "samira@example.org", PASSWORD, first_name="Samira")
    counselor = users.create_user("casey", "casey@example.org", PASSWORD, first_name="Casey")
    return seeker, counselor_make(user=counselor, organisation="Job centre north")


def log_in(page, live_server, username):
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_share_review_note_and_withdraw(live_server, people, make_submitted, browser, screenshot):
    seeker, profile = people
    result = make_submitted(Role.objects.get(slug="customer-service-associate"), owner=seeker)

    seeker_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(seeker_page, live_server, "samira-k")
    seeker_page.goto(live_server.url + result.get_absolute_url())
    seeker_page.get_by_label("Your counselor's share code").fill(profile.share_code)
    seeker_page.get_by_role("button", name="Share", exact=True).click()
    expect(seeker_page.get_by_text("Shared with Casey.")).to_be_visible()
    screenshot(seeker_page, "result-sharing-desktop")

    counselor_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(counselor_page, live_server, "casey")
    counselor_page.goto(live_server.url + "/counselor/")
    counselor_page.get_by_role("link", name="Samira").click()
    expect(counselor_page.get_by_role("heading", level=1)).to_have_text("Samira")
    counselor_page.get_by_label("New note").fill("Strong on empathy; <b>plan</b> CRM training.")
    counselor_page.get_by_role("button", name="Save note").click()
    expect(
        counselor_page.get_by_text("Strong on empathy; <b>plan</b> CRM training.")
    ).to_be_visible()
    screenshot(counselor_page, "counselor-client")
    counselor_page.locator("a[href*='/counselor/results/']").first.click()
    expect(counselor_page.get_by_text("Shared with you by Samira.")).to_be_visible()
    result_url = counselor_page.url
    screenshot(counselor_page, "counselor-result")

    seeker_page.goto(live_server.url + "/account/")
    seeker_page.get_by_role("button", name="Withdraw").click()
    expect(seeker_page.get_by_text("Withdrawn: the counselor no longer sees it.")).to_be_visible()

    counselor_page.goto(live_server.url + "/counselor/")
    expect(counselor_page.get_by_text("Nobody has shared a result with you yet.")).to_be_visible()
    response = counselor_page.goto(result_url)
    assert response.status == 404


def test_the_account_pages_copy_button_copies_the_link(
    live_server, people, make_submitted, browser
):
    seeker, _profile = people
    result = make_submitted(Role.objects.get(slug="customer-service-associate"), owner=seeker)
    link = PublicLink.objects.create(assessment=result, expires_at="2099-01-01T00:00:00Z")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    log_in(page, live_server, "samira-k")
    page.goto(live_server.url + "/account/")
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()  # shown by copy.js
    button = page.locator("button[data-copy]")  # by position: its name changes once clicked
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server.url + link.get_absolute_url()
    context.close()
