"""A job seeker answers the questionnaire in a real browser, leaves, comes back, submits."""

import re

from playwright.sync_api import expect

from assessments.models import Assessment
from careers.models import Role
from tests.browser.conftest import SCREENSHOTS


def answer_every_question_on_the_page(page, choice: int = 3):
    """Clicks the label of one option in every radio group, as a person would."""
    groups = page.locator("fieldset:has(input[type=radio])")
    for index in range(groups.count()):
        group = groups.nth(index)
        labels = group.locator("label.form-check-label")
        labels.nth(min(choice, labels.count()) - 1).click()


def test_answer_leave_resume_and_submit(live_server, shipped_catalog, browser, screenshot):
    role = Role.objects.get(slug="customer-service-associate")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").click()
    expect(page.get_by_text(re.compile(r"Step 1 of \d+"))).to_be_visible()
    total_steps = int(
        re.search(r"of (\d+)", page.get_by_text(re.compile(r"Step 1 of")).inner_text())[1]
    )

    # Page 1: experience and every skill, by clicking the anchors' labels.
    page.get_by_label("Years in customer-facing work").fill("3")
    answer_every_question_on_the_page(page, choice=3)
    first_group = page.locator("fieldset:has(input[type=radio])").first
    screenshot(page, "questionnaire-page-1")
    page.get_by_role("button", name=re.compile("Save and continue")).click()
    expect(page.get_by_text(f"Step 2 of {total_steps}")).to_be_visible()

    # Back: the answers of page 1 are still checked.
    page.get_by_role("button", name=re.compile("Back")).click()
    expect(page.get_by_text(f"Step 1 of {total_steps}")).to_be_visible()
    expect(first_group.locator("input[type=radio]").nth(2)).to_be_checked()
    expect(page.get_by_label("Years in customer-facing work")).to_have_value("3")

    # Reload: still there.
    page.reload()
    expect(first_group.locator("input[type=radio]").nth(2)).to_be_checked()
    resume_url = page.locator("#resume-url").input_value()
    context.close()

    # Another device: the private resume link reopens the questionnaire where it stopped.
    other = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = other.new_page()
    page.goto(resume_url)
    expect(page.get_by_text(f"Step 1 of {total_steps}")).to_be_visible()
    expect(
        page.locator("fieldset:has(input[type=radio])").first.locator("input").nth(2)
    ).to_be_checked()
    page.get_by_role("button", name=re.compile("Save and continue")).click()
    for number in range(2, total_steps):
        expect(page.get_by_text(f"Step {number} of {total_steps}")).to_be_visible()
        answer_every_question_on_the_page(page, choice=4)
        if number == 2:
            screenshot(page, "questionnaire-page-2-phone")
        page.get_by_role(
            "button", name=re.compile("Save and continue|Save and review answers")
        ).click()

    # Review, then submit.
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    expect(page.get_by_text("Everything is answered.")).to_be_visible()
    screenshot(page, "questionnaire-review-phone")
    page.get_by_role("button", name="Submit my assessment").click()
    expect(page.get_by_text("Your assessment is submitted.")).to_be_visible()
    screenshot(page, "assessment-result-phone")

    assessment = Assessment.objects.get()
    assert assessment.is_submitted
    assert assessment.years_experience == 3
    asked = role.requirements.filter(required_level__gt=0).count()
    assert assessment.ratings.filter(level__isnull=False).count() == asked
    other.close()


def finish_questionnaire(page, choice: int):
    while "Review your answers" not in page.title():
        answer_every_question_on_the_page(page, choice=choice)
        page.locator("button[name=direction]").first.click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Submit my assessment").click()


def test_read_print_and_retake_a_result(live_server, shipped_catalog, page, screenshot):
    role = Role.objects.get(slug="customer-service-associate")
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").click()
    finish_questionnaire(page, choice=2)

    expect(page.get_by_role("heading", level=1)).to_contain_text("How ready you are for")
    document = Assessment.objects.get().results.get().document
    readiness = f"{document['readiness_percent']:.0f}%"
    expect(page.locator(".readiness-number")).to_have_text(readiness)
    expect(
        page.get_by_role("heading", name="Your top 3 gaps — and the first step for each")
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="Every next step, most important first")
    ).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("required and measured level")).first
    ).to_be_visible()
    first_gap = document["recommendations"][0]
    expect(
        page.get_by_text(re.compile(rf"{re.escape(first_gap['name'])}, from \d to \d"))
    ).to_be_visible()
    screenshot(page, "result-desktop")

    # The printed view: no navigation or buttons, the numbers still there.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Retake")).to_be_hidden()
    expect(page.locator(".readiness-number")).to_be_visible()
    screenshot(page, "result-print")
    pdf = page.pdf(path=str(SCREENSHOTS / "result-print.pdf"), format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) <= 2  # a one- or two-page report
    page.emulate_media(media="screen")

    # Retake with better answers and see the change.
    page.get_by_role("button", name="Retake").click()
    finish_questionnaire(page, choice=4)
    expect(
        page.get_by_text(re.compile(r"\+[\d.]+ points since your previous attempt"))
    ).to_be_visible()
    expect(page.get_by_role("columnheader", name="Change").first).to_be_visible()
    screenshot(page, "result-retake-desktop")
    page.get_by_role("link", name="All attempts").click()
    expect(page.get_by_role("link", name=re.compile("See result"))).to_have_count(2)


def test_answers_are_autosaved_without_pressing_a_button(live_server, shipped_catalog, page):
    role = Role.objects.get(slug="customer-service-associate")
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").click()
    first_group = page.locator("fieldset:has(input[type=radio])").first
    first_group.locator("label.form-check-label").nth(3).click()
    expect(page.get_by_role("status").filter(has_text="saved at")).to_be_visible()
    page.reload()
    expect(first_group.locator("input[type=radio]").nth(3)).to_be_checked()
    assessment = Assessment.objects.get()
    assert assessment.ratings.get().level == 4
    assert assessment.last_step == 1


def test_saves_arriving_together_all_succeed(live_server, shipped_catalog, page):
    """A background save still running when the person presses Next, or two tabs saving at
    once: the server handles the requests side by side and none of them fails."""
    role = Role.objects.get(slug="customer-service-associate")
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_role("button", name="Assess me for this role").click()
    answer_every_question_on_the_page(page, choice=2)
    outcomes = page.evaluate(
        """async () => {
            const form = document.querySelector("form.questionnaire");
            const post = () => {
                const data = new FormData(form);
                data.set("direction", "stay");
                return fetch(form.action, {method: "POST", body: data, redirect: "manual"})
                    .then((response) => response.type);
            };
            return Promise.all(Array.from({length: 12}, post));
        }"""
    )
    assert outcomes == ["opaqueredirect"] * 12  # each saved and redirected; no 500
    assessment = Assessment.objects.get()
    assert assessment.ratings.count() == page.locator("fieldset:has([name^=rating-])").count()
    assert assessment.scenario_answers.count() == (
        page.locator("fieldset:has([name^=scenario-])").count()
    )


def test_a_stale_tab_does_not_blank_what_another_tab_saved(live_server, shipped_catalog, browser):
    role = Role.objects.get(slug="customer-service-associate")
    context = browser.new_context()
    tab_a = context.new_page()
    tab_a.goto(live_server.url + role.get_absolute_url())
    tab_a.get_by_role("button", name="Assess me for this role").click()
    tab_b = context.new_page()
    tab_b.goto(tab_a.url)
    saved = re.compile("saved at")

    tab_a.get_by_label("Years in customer-facing work").fill("5")
    tab_a.locator("details.evidence summary").first.click()
    tab_a.get_by_label("Evidence note").first.fill("Team lead for the spring campaign")
    tab_a.get_by_label("Evidence note").first.blur()
    expect(tab_a.get_by_role("status").filter(has_text=saved)).to_be_visible()
    tab_b.locator("fieldset:has(input[type=radio])").first.locator("label").nth(3).click()
    expect(tab_b.get_by_role("status").filter(has_text=saved)).to_be_visible()

    assessment = Assessment.objects.get()
    rating = assessment.ratings.exclude(evidence_note="").get()
    assert (rating.level, rating.evidence_note) == (4, "Team lead for the spring campaign")
    assert assessment.years_experience == 5

    # Tab A clears its note again: the background save moved its baseline, so it is saved.
    tab_a.get_by_label("Evidence note").first.fill("")
    tab_a.get_by_label("Evidence note").first.blur()
    expect(tab_a.get_by_role("status").filter(has_text=re.compile("Saving"))).to_be_hidden()
    tab_a.wait_for_timeout(1500)
    rating.refresh_from_db()
    assert rating.evidence_note == ""
    context.close()


def test_a_first_assessment_on_a_phone_shows_question_numbers_and_time_left(
    live_server, shipped_catalog, phone_page, screenshot
):
    role = Role.objects.get(slug="customer-service-associate")
    page = phone_page
    page.goto(live_server.url + role.get_absolute_url())
    expect(page.get_by_text(re.compile(r"About \d+ minutes\."))).to_be_visible()
    page.get_by_role("button", name="Assess me for this role").click()
    progress = page.locator("#progress-questions")
    expect(progress).to_have_text(re.compile(r"Question 1 of \d+ · about \d+ minutes left"))
    total = int(re.search(r"of (\d+)", progress.inner_text())[1])
    minutes = int(re.search(r"about (\d+)", progress.inner_text())[1])
    on_first_page = page.locator("fieldset:has(input[type=radio])").count()
    answer_every_question_on_the_page(page, choice=3)
    screenshot(page, "questionnaire-progress-phone")
    page.get_by_role("button", name=re.compile("Save and continue")).click()
    expect(progress).to_have_text(
        re.compile(rf"Question {on_first_page + 1} of {total} · about \d+ minutes? left")
    )
    assert int(re.search(r"about (\d+)", progress.inner_text())[1]) < minutes
    expect(page.get_by_text(re.compile(r"Step 2 of \d+ · "))).to_be_visible()
