"""On a phone: a retake confirmed page by page with "All still true", a new role for the rung
above started from the first, and an extension that asks only what the rung adds."""

import re

from playwright.sync_api import expect

from assessments.models import Assessment
from careers.models import Role


def answer_every_question_on_the_page(page, choice: int, only_unanswered: bool = False) -> int:
    """Clicks `choice` (one level lower on every other question, so the ratings are not all
    the same) in each radio group, or only in those with nothing checked; returns how many."""
    groups = page.locator("fieldset:has(input[type=radio])")
    clicked = 0
    for index in range(groups.count()):
        group = groups.nth(index)
        if only_unanswered and group.locator("input:checked").count():
            continue
        labels = group.locator("label.form-check-label")
        labels.nth(min(choice - index % 2, labels.count()) - 1).click()
        clicked += 1
    return clicked


def finish_first_time(page, choice: int) -> None:
    page.get_by_label("Years in customer-facing work").fill("3")
    while "Review your answers" not in page.title():
        answer_every_question_on_the_page(page, choice)
        page.get_by_role(
            "button", name=re.compile("Save and continue|Save and review answers")
        ).click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Submit my assessment").click()
    expect(page.get_by_text("Your assessment is submitted.")).to_be_visible()


def start(page, live_server, role: Role) -> None:
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").click()


def test_a_retake_confirmed_with_all_still_true_gives_the_same_result(
    live_server, shipped_catalog, phone
):
    role = Role.objects.get(slug="customer-service-associate")
    start(phone, live_server, role)
    finish_first_time(phone, choice=4)
    phone.get_by_role("button", name="Retake").click()
    while "Review your answers" not in phone.title():
        expect(phone.locator(".prior-answer")).not_to_have_count(0)  # "You said 4 on 30 Nov"
        phone.get_by_role("button", name="All still true").click()
        phone.wait_for_load_state()
    expect(phone.get_by_text("Everything is answered.")).to_be_visible()
    phone.get_by_role("button", name="Submit my assessment").click()
    expect(phone.get_by_text("Your assessment is submitted.")).to_be_visible()
    first, again = Assessment.objects.order_by("started_at")
    before, after = first.results.get().document, again.results.get().document
    assert (after["readiness_percent"], after["verdict"]) == (
        before["readiness_percent"],
        before["verdict"],
    )
    assert again.years_experience == 3


def test_a_new_role_for_the_rung_above_starts_from_the_first(live_server, shipped_catalog, phone):
    associate = Role.objects.get(slug="customer-service-associate")
    start(phone, live_server, associate)
    finish_first_time(phone, choice=4)
    above = Role.objects.get(track=associate.track, rank=associate.rank + 1)
    start(phone, live_server, above)
    expect(phone.get_by_role("button", name="All still true")).to_be_visible()
    expect(phone.get_by_label("Years in customer-facing work")).to_have_value("3")
    checked = phone.locator("fieldset:has([name^=rating-]) input:checked")
    expect(checked).not_to_have_count(0)


def test_an_extension_asks_only_the_skills_the_rung_adds(live_server, shipped_catalog, phone):
    junior = Role.objects.get(slug="junior-customer-service-associate")
    start(phone, live_server, junior)
    finish_first_time(phone, choice=5)
    senior = phone.locator("tr", has_text="Senior Customer Service Associate")
    senior.get_by_role("link", name="answer them").click()
    expect(
        phone.get_by_text(re.compile(r"\d+ more skills?, about \d+ minutes?, to see whether"))
    ).to_be_visible()
    phone.get_by_role("button", name="Answer them").click()
    expect(phone.get_by_text("Your answers are carried over")).to_be_visible()
    extended = Assessment.objects.in_progress().get()
    carried = extended.ratings.count()
    assert carried > 0
    asked = 0
    while "Review your answers" not in phone.title():
        asked += answer_every_question_on_the_page(phone, choice=3, only_unanswered=True)
        phone.locator("button[name=direction]").first.click()
        phone.wait_for_load_state()
    assert 0 < asked < carried  # only what the rung adds
    phone.get_by_role("button", name="Submit my assessment").click()
    expect(phone.get_by_text("Your assessment is submitted.")).to_be_visible()
    extended.refresh_from_db()
    assert extended.is_submitted
