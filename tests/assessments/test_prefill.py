"""A new attempt starts from the person's latest answers: shown with their date, confirmed in
one click, never taken from an attempt that is not theirs."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from careers.models import ProficiencyAnchor, ScenarioItem
from tests.assessments.conftest import step_url


def checked_values(html: str, name: str) -> list[str]:
    inputs = re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag]


def answer_all(client, assessment, crm="3", typing="4", empathy="4"):
    client.post(
        step_url(assessment, 1),
        {
            "rating-crm": crm,
            "rating-typing": typing,
            "note-crm": "Zendesk",
            "years_experience": "4",
        },
    )
    client.post(step_url(assessment, 2), {"rating-empathy": empathy})
    client.post(step_url(assessment, 3), {"scenario-angry-caller": "angry-caller-option-3"})


def submit(client, assessment) -> Assessment:
    client.post(reverse("assessments:review", args=[assessment.pk]))
    assessment.refresh_from_db()
    return assessment


def retake(client, role) -> Assessment:
    client.post(reverse("assessments:start", args=[role.slug]), {"restart": "1"})
    return Assessment.objects.in_progress().get()


def confirm(client, assessment, number: int) -> None:
    """Posts the page as shown, as "All still true" does."""
    html = client.get(step_url(assessment, number)).content.decode()
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name[1] == "csrfmiddlewaretoken":
            continue
        if 'type="radio"' in tag and " checked" not in tag:
            continue
        data[name[1]] = value[1] if value else ""
    for name, text in re.findall(
        r'<textarea[^>]*name="([^"]*)"[^>]*>\s*(.*?)</textarea>', html, re.S
    ):
        data[name] = text
    response = client.post(step_url(assessment, number), {**data, "direction": "next"})
    assert response.status_code == 302


def test_a_retake_shows_the_latest_answers_with_their_date(client, role, start):
    first = start(role)
    answer_all(client, first)
    submit(client, first)
    again = retake(client, role)
    page_one = client.get(step_url(again, 1)).content.decode()
    assert "All still true" in page_one
    assert checked_values(page_one, "rating-crm") == ["3"]
    assert re.search(r"You said 3 on \d{1,2} \w{3}", page_one)
    assert "Zendesk" in page_one
    assert 'value="4"' in page_one  # the years
    situations = client.get(step_url(again, 3)).content.decode()
    assert checked_values(situations, "scenario-angry-caller") == ["angry-caller-option-3"]
    assert not again.ratings.exists()  # shown, not stored until confirmed


def test_all_still_true_on_every_page_gives_the_same_result(client, role, start):
    first = start(role)
    answer_all(client, first)
    first = submit(client, first)
    again = retake(client, role)
    for number in (1, 2, 3):
        confirm(client, again, number)
    again = submit(client, again)
    assert again.is_submitted
    before, after = first.results.get().document, again.results.get().document
    assert (after["readiness_percent"], after["verdict"]) == (
        before["readiness_percent"],
        before["verdict"],
    )
    assert again.years_experience == 4
    assert again.ratings.get(skill__slug="crm").evidence_note == "Zendesk"


def test_a_changed_answer_is_marked(client, role, start):
    first = start(role)
    answer_all(client, first)
    submit(client, first)
    again = retake(client, role)
    client.post(step_url(again, 1), {"rating-crm": "5"})
    page_one = client.get(step_url(again, 1)).content.decode()
    assert checked_values(page_one, "rating-crm") == ["5"]
    assert page_one.count('class="prior-changed"') == 1


def test_a_level_whose_anchor_was_removed_is_asked_again(client, role, start):
    first = start(role)
    answer_all(client, first, crm="5")
    submit(client, first)
    ProficiencyAnchor.objects.filter(skill__slug="crm", level=5).delete()
    again = retake(client, role)
    page_one = client.get(step_url(again, 1)).content.decode()
    assert checked_values(page_one, "rating-crm") == []
    assert checked_values(page_one, "rating-typing") == ["4"]


def test_a_skill_the_role_no_longer_requires_is_not_carried(client, role, start):
    first = start(role)
    answer_all(client, first)
    submit(client, first)
    role.requirements.filter(skill__slug="typing").delete()
    again = retake(client, role)
    page_one = client.get(step_url(again, 1)).content.decode()
    assert "rating-typing" not in page_one
    confirm(client, again, 1)
    assert set(again.ratings.values_list("skill__slug", flat=True)) == {"crm"}


def test_an_attempt_only_opened_through_a_resume_link_never_prefills(client, role, start):
    someone = Client()
    theirs = Assessment.objects.get(
        pk=re.search(
            r"/assessments/([0-9a-f-]+)/",
            someone.post(reverse("assessments:start", args=[role.slug]))["Location"],
        )[1]
    )
    answer_all(someone, theirs)
    client.get(theirs.get_resume_url())  # this browser opened their attempt
    mine = start(role)
    page_one = client.get(step_url(mine, 1)).content.decode()
    assert "All still true" not in page_one
    assert checked_values(page_one, "rating-crm") == []


def test_a_resume_link_never_pours_this_browsers_answers_into_someone_elses(client, role, start):
    mine = start(role)
    answer_all(client, mine)
    submit(client, mine)
    someone = Client()
    location = someone.post(reverse("assessments:start", args=[role.slug]))["Location"]
    theirs = Assessment.objects.get(pk=re.search(r"/assessments/([0-9a-f-]+)/", location)[1])
    client.get(theirs.get_resume_url())
    page_one = client.get(step_url(theirs, 1)).content.decode()
    assert "All still true" not in page_one
    assert checked_values(page_one, "rating-crm") == []


@pytest.mark.parametrize("earlier", [1, 10])
def test_a_prefilled_page_runs_a_fixed_number_of_queries(
    client, role, start, earlier, django_assert_max_num_queries
):
    for _ in range(earlier):
        attempt = retake(client, role) if Assessment.objects.exists() else start(role)
        answer_all(client, attempt)
        submit(client, attempt)
    again = retake(client, role)
    for number in (1, 3):
        with django_assert_max_num_queries(6):
            html = client.get(step_url(again, number)).content.decode()
        assert "All still true" in html


def test_a_new_role_for_the_rung_above_starts_from_the_first(
    client, role, start, make_role, make_skill, make_requirement
):
    first = start(role)
    answer_all(client, first)
    submit(client, first)
    lead = make_role(track=role.track, slug="team-lead", rank=role.rank + 1)
    tools = role.requirements.get(skill__slug="crm").skill.category
    coaching = make_skill(category=tools, name="Coaching", slug="coaching", position=3)
    make_requirement(role=lead, skill=coaching, importance=5)
    make_requirement(role=lead, skill=role.requirements.get(skill__slug="crm").skill)
    above = start(lead)
    page_one = client.get(step_url(above, 1)).content.decode()
    assert checked_values(page_one, "rating-crm") == ["3"]
    assert checked_values(page_one, "rating-typing") == ["4"]  # the rung below's skill
    assert checked_values(page_one, "rating-coaching") == []  # new: asked


@pytest.mark.parametrize(("extra_skills", "earlier"), [(0, 1), (24, 8)])
def test_every_page_runs_a_fixed_number_of_queries_whatever_the_skills_and_earlier_attempts(
    client,
    role,
    make_role,
    make_skill,
    make_requirement,
    make_scenario,
    start,
    extra_skills,
    earlier,
    django_assert_max_num_queries,
):
    """A rung above `role`, so the questionnaire also asks what the rung below adds; every
    extra skill is key and has a situation, so the situations page is as full as it gets."""
    lead = make_role(track=role.track, slug="team-lead", rank=role.rank + 1)
    tools = role.requirements.get(skill__slug="crm").skill.category
    for requirement in role.requirements.all():
        make_requirement(role=lead, skill=requirement.skill, required_level=3, importance=4)
    for n in range(extra_skills):
        skill = make_skill(category=tools, position=10 + n)
        make_requirement(role=lead if n % 3 else role, skill=skill, importance=4)
        make_scenario(skill, f"extra-{n}")
    skills = {
        requirement.skill.slug
        for requirement in (*role.requirements.all(), *lead.requirements.all())
    }
    ratings = {f"rating-{slug}": "3" for slug in skills}
    situations = {
        f"scenario-{item}": f"{item}-option-3"
        for item in ScenarioItem.objects.values_list("slug", flat=True)
    }
    for n in range(earlier):
        attempt = retake(client, lead) if n else start(lead)
        for number in (1, 2, 3):
            client.post(step_url(attempt, number), {**ratings, **situations})
        assert submit(client, attempt).is_submitted
    again = retake(client, lead)
    pages = []
    for number in (1, 2, 3):
        with django_assert_max_num_queries(6):
            pages.append(client.get(step_url(again, number)).content.decode())
        assert "All still true" in pages[-1]
    asked = set(re.findall(r'name="rating-([\w-]+)"', pages[0] + pages[1]))
    assert asked == skills  # the target's skills and those the rung below adds
    chosen = set(re.findall(r'name="scenario-([\w-]+)"', pages[2]))
    assert len(chosen) == min(1 + extra_skills, 10)
