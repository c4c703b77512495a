"""The header on a phone and a desktop: every link reachable, none scrolled off the side."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from counselors.services import counselor_make

PASSWORD = "a-long-passphrase-42"
LINKS = ["Career ladders", "Occupations", "Which careers fit me?", "Skills", "My assessments"]


@pytest.fixture
def counselor(transactional_db):
    user = get_user_model().objects.create_user("casey", "casey@example.org", PASSWORD)
    counselor_make(user=user)
    return user


def log_in(page, live_server) -> None:
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def inside_the_screen(page, locator) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_on_a_phone_every_link_is_one_tap_away_in_the_menu(
    live_server, counselor, phone_page, screenshot
):
    log_in(phone_page, live_server)
    phone_page.goto(live_server.url + "/")
    header = phone_page.locator("header.site-header")
    assert header.bounding_box()["height"] < 80  # one line, not rows of links

    header.get_by_text("Menu").click()

    for name in [*LINKS, "Clients", "Account"]:
        link = header.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert inside_the_screen(phone_page, link), name
    log_out = header.get_by_role("button", name="Log out")
    assert inside_the_screen(phone_page, log_out)
    screenshot(phone_page, "navigation-phone-menu")
    log_out.click()
    expect(header.get_by_text("Menu")).to_be_visible()
    header.get_by_text("Menu").click()
    expect(header.get_by_role("link", name="Log in")).to_be_visible()


def test_on_a_desktop_the_links_are_in_a_row(live_server, counselor, page):
    log_in(page, live_server)
    page.goto(live_server.url + "/")
    header = page.locator("header.site-header")

    expect(header.get_by_text("Menu")).to_be_hidden()
    for name in [*LINKS, "Clients", "Account"]:
        expect(header.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(header.get_by_role("button", name="Log out")).to_be_visible()
    assert header.bounding_box()["height"] < 80
