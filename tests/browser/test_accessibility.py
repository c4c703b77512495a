"""axe-core on every page a visitor, a job seeker or a counselor sees: no serious or critical
violations. And the questionnaire works with the keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Assessment, PublicLink
from careers.models import Role, Skill
from counselors.models import Share
from counselors.services import counselor_make
from plans.services import plan_create_from_result

BLOCKING = {"serious", "critical"}


@pytest.fixture
def site(transactional_db, make_submitted):
    call_command("loaddata", "catalog", "scenarios", verbosity=0)
    users = get_user_model().objects
    seeker = users.create_user("samira-k", password="a-long-passphrase-42", first_name="Samira")
    counselor = users.create_user("casey", password="a-long-passphrase-42", first_name="Casey")
    invitation = f"/share/{counselor_make(user=counselor).share_code}/"
    role = Role.objects.get(slug="customer-service-associate")
    first = make_submitted(role, owner=seeker, level=2)
    result = make_submitted(role, owner=seeker, level=3, previous=first)
    Share.objects.create(owner=seeker, counselor=counselor, role=role)
    link = PublicLink.objects.create(assessment=result, expires_at="2099-01-01T00:00:00Z")
    unfinished = Assessment.objects.create(role=role, owner=seeker)
    plan = plan_create_from_result(
        owner=seeker, assessment=result, hours_per_week=5, start_date=timezone.localdate()
    )
    step = plan.steps.first()
    return {
        "visitor": [
            "/",
            role.track.get_absolute_url(),
            role.get_absolute_url(),
            "/skills/",
            Skill.objects.first().get_absolute_url(),
            link.get_absolute_url(),
            "/account/login/",
            "/account/signup/",
            "/account/password-reset/",
            "/assessments/",
            "/roles/no-such-role/",
            invitation,
            "/share/NO-SUCH-CODE/",
        ],
        seeker: [
            f"/assessments/{unfinished.pk}/step/1/",
            f"/assessments/{unfinished.pk}/step/2/",
            f"/assessments/{unfinished.pk}/review/",
            result.get_absolute_url(),
            "/account/",
            "/account/delete/",
            f"/assessments/{result.pk}/plan/",
            plan.get_absolute_url(),
            f"/plans/{plan.pk}/steps/{step.pk}/",
            f"/plans/{plan.pk}/steps/{step.pk}/done/",
            "/plans/",
            invitation,
        ],
        counselor: [
            "/counselor/",
            f"/counselor/clients/{seeker.pk}/",
            f"/counselor/results/{result.pk}/",
            "/counselor/group/",
            f"/counselor/plans/{plan.pk}/",
        ],
    }


def logged_in_context(browser, live_server, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if user != "visitor":
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def test_no_serious_accessibility_violations_on_any_page(live_server, site, browser):
    axe = Axe()
    problems = []
    for viewer, paths in site.items():
        context = logged_in_context(browser, live_server, viewer)
        page = context.new_page()
        for path in paths:
            page.goto(live_server.url + path)
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
        context.close()
    assert problems == [], "\n".join(problems)


def test_a_questionnaire_page_can_be_answered_with_the_keyboard_alone(
    live_server, site, browser, screenshot
):
    role = Role.objects.get(slug="customer-service-associate")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Step 1 of")).to_be_visible()

    page.get_by_label("Years in customer-facing work").focus()
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    groups = page.locator("fieldset:has(input[type=radio])")
    for _ in range(groups.count()):
        # Tab into the group (onto its first radio), arrow down to choose the third level,
        # then Tab past the evidence disclosure to the next group.
        page.keyboard.press("Tab")
        while page.evaluate("document.activeElement.type") != "radio":
            page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        name = page.evaluate("document.activeElement.name")
        assert page.locator(f"input[name='{name}']:checked").get_attribute("value") is not None
    focused_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused_ring != "none"
    screenshot(page, "questionnaire-keyboard")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.tagName") != "BUTTON":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Step 2 of")).to_be_visible()

    assessment = Assessment.objects.filter(owner__isnull=True).get()
    assert assessment.years_experience == 4 and assessment.years_leading == 1
    page.go_back()
    rating_groups = page.locator("fieldset:has(input[name^='rating-'])").count()
    scenario_groups = page.locator("fieldset:has(input[name^='scenario-'])").count()
    assert assessment.ratings.filter(level__isnull=False).count() == rating_groups
    assert assessment.scenario_answers.count() == scenario_groups
