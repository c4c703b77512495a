"""The result page in a real browser: what to do next within the first screen, a chart a
person can read, third-person wording for other viewers, and a two-page print."""

import re
import uuid
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory
from django.utils import timezone
from playwright.sync_api import expect

from assessments.access import CLAIM_OFFER_KEY
from assessments.models import PublicLink
from careers.models import Role
from counselors.models import Share
from counselors.services import counselor_make
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.test_accessibility import logged_in_context

SIZES = {"phone": PHONE, "desktop": {"width": 1366, "height": 900}}
assert DESKTOP  # the shared fixture's size; this page is checked at the 1366 × 900


@pytest.fixture
def largest(transactional_db, make_submitted):
    call_command("loaddata", "catalog", "scenarios", verbosity=0)
    users = get_user_model().objects
    seeker = users.create_user("samira-k", password="a-long-passphrase-42", first_name="Samira")
    counselor = users.create_user("casey", password="a-long-passphrase-42", first_name="Casey")
    counselor_make(user=counselor)
    role = Role.objects.annotate(n=Count("requirements")).order_by("-n", "slug").first()
    result = make_submitted(role, owner=seeker, level=2)
    result.ratings.update(evidence_note="Led the weekly queue review")
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    link = PublicLink.objects.create(assessment=result, expires_at="2099-01-01T00:00:00Z")
    return {"seeker": seeker, "counselor": counselor, "result": result, "link": link}


def open_page(browser, live_server, user, url, size):
    context = logged_in_context(browser, live_server, user)
    page = context.new_page()
    page.set_viewport_size(size)
    page.goto(live_server.url + url)
    return context, page


def inside_first_screen(page, selector, height):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= height


@pytest.mark.parametrize("size_name", SIZES)
def test_the_first_screen_says_what_to_do_next(
    browser, live_server, largest, size_name, screenshot
):
    size = SIZES[size_name]
    context, page = open_page(
        browser, live_server, largest["seeker"], largest["result"].get_absolute_url(), size
    )
    page.screenshot(path=str(SCREENSHOTS / f"result-first-screen-{size_name}.png"))
    screenshot(page, f"result-{size_name}")
    assert inside_first_screen(page, ".readiness-number", size["height"])
    assert inside_first_screen(page, ".verdict-reason", size["height"])
    assert inside_first_screen(page, ".top-gaps", size["height"])
    expect(page.locator(".top-gap")).to_have_count(3)
    # The one primary action comes with them, not below the fold.
    plan = page.get_by_role("link", name="Make this my plan")
    expect(plan).to_be_visible()
    assert inside_first_screen(page, "a:text-is('Make this my plan')", size["height"])
    context.close()


@pytest.mark.parametrize("size_name", SIZES)
def test_a_banner_and_a_message_leave_the_first_screen_to_the_result(
    browser, live_server, largest, size_name
):
    """The offer to add this browser's attempts and a flash message come after the summary,
    so on a phone they never push the top gaps or the plan below the first screen."""
    size = SIZES[size_name]
    context = logged_in_context(browser, live_server, largest["seeker"])
    cookie = next(c for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    session[CLAIM_OFFER_KEY] = [str(uuid.uuid4()), str(uuid.uuid4())]
    session.save()
    # The message as Django's cookie storage carries it to the next page.
    storage = CookieStorage(RequestFactory().get("/"))
    message = storage._encode([Message(constants.SUCCESS, "Your assessment is submitted.")])
    context.add_cookies([{"name": storage.cookie_name, "value": message, "url": live_server.url}])
    page = context.new_page()
    page.set_viewport_size(size)
    page.goto(live_server.url + largest["result"].get_absolute_url())

    expect(page.get_by_text("We found 2 assessments from this browser")).to_be_visible()
    expect(page.get_by_text("Your assessment is submitted.")).to_be_visible()
    for selector in (
        ".readiness-number",
        ".verdict-reason",
        ".top-gaps",
        "a:text-is('Make this my plan')",
    ):
        assert inside_first_screen(page, selector, size["height"]), selector
    context.close()


def test_chart_labels_are_full_names_and_never_overlap(browser, live_server, largest):
    context, page = open_page(
        browser, live_server, largest["seeker"], largest["result"].get_absolute_url(), PHONE
    )
    boxes = page.eval_on_selector_all(
        "svg.bar-chart",
        """svgs => svgs.map(svg => [...svg.querySelectorAll('text')].map(t => {
            const b = t.getBBox();
            return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
        }))""",
    )
    names = {
        row["name"]
        for row in largest["result"].results.get().document["skills"]
        if row["required_level"]
    }
    drawn = " ".join(box["text"] for chart in boxes for box in chart)
    for name in names:
        assert name.split()[-1] in drawn
    assert "…" not in drawn
    for chart in boxes:
        for i, a in enumerate(chart):
            for b in chart[i + 1 :]:
                apart = (
                    a["x"] + a["w"] <= b["x"] + 0.5
                    or b["x"] + b["w"] <= a["x"] + 0.5
                    or a["y"] + a["h"] <= b["y"] + 0.5
                    or b["y"] + b["h"] <= a["y"] + 0.5
                )
                assert apart, (a, b)
    font = page.eval_on_selector(
        "svg.bar-chart text.bar-name", "t => t.getBoundingClientRect().height"
    )
    assert font >= 11  # readable on a phone without zooming
    context.close()


@pytest.mark.parametrize("viewer", ["counselor", "public"])
def test_other_viewers_are_not_addressed_as_you(browser, live_server, largest, viewer, screenshot):
    if viewer == "counselor":
        user, url = largest["counselor"], f"/counselor/results/{largest['result'].pk}/"
    else:
        user, url = "visitor", largest["link"].get_absolute_url()
    context, page = open_page(browser, live_server, user, url, SIZES["desktop"])
    headings = page.locator("h1, h2, h3, h4").all_inner_texts()
    assert headings
    for heading in headings:
        assert not re.search(r"\byou(r)?\b", heading, re.I), heading
    assert not re.search(r"\byour?\b", page.title(), re.I)
    if viewer == "public":
        expect(page.get_by_text("Led the weekly queue review")).to_have_count(0)
    screenshot(page, f"result-{viewer}")
    context.close()


def test_a_revoked_link_is_gone(browser, live_server, largest):
    PublicLink.objects.update(revoked_at=timezone.now())
    context, page = open_page(
        browser, live_server, "visitor", largest["link"].get_absolute_url(), PHONE
    )
    response = page.goto(live_server.url + largest["link"].get_absolute_url())
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    context.close()


def test_the_largest_role_prints_on_two_pages_with_the_top_gaps_first(
    browser, live_server, largest
):
    context, page = open_page(
        browser,
        live_server,
        largest["seeker"],
        largest["result"].get_absolute_url(),
        SIZES["desktop"],
    )
    page.emulate_media(media="print")
    pdf = page.pdf(path=str(SCREENSHOTS / "result-largest-print.pdf"), format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages <= 2, pages
    # Page 1 ends where A4's printable height (297 mm − 2 × 10 mm margins) does.
    page_height = page.evaluate("() => 277 / 25.4 * 96")
    top = page.locator(".top-gaps").bounding_box()
    assert top["y"] + top["height"] <= page_height
    context.close()
