"""A person opens the ladder, follows a role and a skill, on a desktop and on a phone."""

import re

from playwright.sync_api import expect

from careers.models import Role


def has_no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_browses_the_ladder_and_a_role(live_server, shipped_catalog, page, screenshot):
    roles = list(Role.objects.order_by("rank"))
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("role you want")
    rung_titles = page.locator(".ladder-rung h3").all_inner_texts()
    assert rung_titles == [role.title for role in roles]
    screenshot(page, "ladder-desktop")

    team_lead = next(role for role in roles if "lead" in role.slug)
    page.get_by_role("link", name=team_lead.title, exact=True).first.click()
    expect(page).to_have_url(re.compile(re.escape(team_lead.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(team_lead.title)
    expect(page.get_by_text("Typical experience")).to_be_visible()
    expect(page.get_by_text(team_lead.years_experience_display).first).to_be_visible()
    expect(page.get_by_role("heading", name="Skills this role requires")).to_be_visible()
    skill_rows = page.locator("table tbody tr")
    assert skill_rows.count() == team_lead.requirements.filter(required_level__gt=0).count()
    expect(page.get_by_role("cell", name=re.compile("Coaching", re.I)).first).to_be_visible()
    screenshot(page, "role-desktop")

    first_skill = page.locator("table tbody th a").first
    skill_name = first_skill.inner_text()
    first_skill.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(skill_name)
    expect(page.locator(".anchor-list li")).to_have_count(5)
    expect(page.get_by_text("From 2 (Developing) to 3 (Competent)")).to_be_visible()
    screenshot(page, "skill-desktop")


def test_pages_fit_a_phone_screen(live_server, shipped_catalog, phone_page, screenshot):
    role = Role.objects.order_by("rank").first()
    for name, path in [("ladder", "/"), ("role", role.get_absolute_url()), ("skills", "/skills/")]:
        phone_page.goto(live_server.url + path)
        expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
        assert has_no_horizontal_scroll(phone_page), f"{name} page scrolls sideways on a phone"
        screenshot(phone_page, f"{name}-phone")


def test_an_unknown_role_shows_the_sites_404_page(live_server, shipped_catalog, page):
    response = page.goto(live_server.url + "/roles/astronaut/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We couldn’t find that page")
