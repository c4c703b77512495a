"""A job seeker makes a plan from a result, marks a step done with evidence and exports the
calendar; a counselor comments and co-signs; the job seeker sees both; a re-assessment marks
steps achieved."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from icalendar import Calendar
from playwright.sync_api import expect

from careers.models import Role
from counselors.services import counselor_make, share_create

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


def test_plan_done_calendar_counselor_and_reassessment(
    live_server, people, make_submitted, browser, screenshot
):
    seeker, profile = people
    role = Role.objects.get(slug="customer-service-associate")
    result = make_submitted(role, owner=seeker, level=1)
    share_create(owner=seeker, share_code=profile.share_code, assessment=result, whole_role=True)

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server, "samira-k")
    page.goto(live_server.url + result.get_absolute_url())
    page.get_by_role("link", name="Make this my plan").click()
    page.get_by_label("Hours a week you can give").fill("6")
    page.get_by_role("button", name="Make this my plan").click()
    expect(page.get_by_text("Your plan is ready.")).to_be_visible()
    plan_url = page.url

    first_step = page.locator(".plan-step").first
    first_step.get_by_role("link", name="Mark done").click()
    page.get_by_label("What you did (optional)").fill("Finished the first course")
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_text("Evidence: Finished the first course")).to_be_visible()
    screenshot(page, "plan-desktop")

    with page.expect_download() as download:
        page.get_by_role("link", name="Calendar (.ics)").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert len(calendar.walk("VEVENT")) >= 1

    counselor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(counselor, live_server, "casey")
    counselor.goto(live_server.url + "/counselor/")
    counselor.locator("a[href*='/counselor/plans/']").first.click()
    counselor.locator("#id_text").fill("Good start, keep the pace.")  # the plan-wide comment
    counselor.get_by_role("button", name="Add comment").last.click()
    expect(counselor.get_by_text("Comment added")).to_be_visible()
    step = counselor.locator(".plan-step").nth(1)
    step.get_by_text("Comment on this step").click()
    step.get_by_label("Your comment on").fill("This one matters most.")
    step.get_by_role("button", name="Add comment").click()
    expect(step.get_by_text("This one matters most.")).to_be_visible()
    counselor.get_by_role("button", name="Co-sign").click()
    expect(counselor.get_by_text("You agreed to this plan.")).to_be_visible()

    page.goto(plan_url)
    expect(page.locator("#comments").get_by_text("Good start, keep the pace.")).to_be_visible()
    expect(page.locator(".plan-step .note").get_by_text("This one matters most.")).to_be_visible()
    expect(page.get_by_test_id("agreement")).to_contain_text("Casey")

    make_submitted(role, owner=seeker, level=5)
    page.goto(plan_url)
    expect(page.locator(".plan-step[data-status='achieved']").first).to_be_visible()
    expect(page.get_by_text("Re-assessed on")).to_be_visible()
