"""The result page and its JSON: honest numbers, frozen at submission, compared over attempts."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.ranking_matrix import crosswalk_links, requirement_matrix
from careers.models import Requirement, Resource
from careers.revision import current_revision
from tests.assessments.conftest import step_url
from tests.html import without_csrf


def submit(client, assessment, crm="3", typing="4", empathy="2", scenario="angry-caller-option-4"):
    client.post(step_url(assessment, 1), {"rating-crm": crm, "rating-typing": typing})
    client.post(step_url(assessment, 2), {"rating-empathy": empathy})
    # The situation is asked (page 3) only when the empathy rating reaches the required 3.
    client.post(step_url(assessment, 3), {"scenario-angry-caller": scenario})
    response = client.post(reverse("assessments:review", args=[assessment.pk]))
    assert response.status_code == 302, response.content.decode()[:500]
    assessment.refresh_from_db()
    return assessment


def result_url(assessment) -> str:
    return reverse("assessments:result", args=[assessment.pk])


def result_json(client, assessment) -> dict:
    response = client.get(reverse("assessments:result_json", args=[assessment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.fixture
def submitted(client, role, start, make_resource):
    crm = role.requirements.get(skill__slug="crm").skill
    make_resource(skill=crm, title="Shadow a CRM power user", from_level=1, to_level=2)
    make_resource(skill=crm, title="Build three saved views", from_level=2, to_level=3)
    # CRM 1 → gap 2 at importance 4; typing 4; empathy 5 with a level-1 scenario answer.
    return submit(
        client, start(role), crm="1", typing="4", empathy="5", scenario="angry-caller-option-1"
    )


def test_the_result_shows_readiness_verdict_and_rule(client, submitted):
    html = client.get(result_url(submitted)).content.decode()
    # crm 1/3, typing 3/3, empathy (5 + 1) / 2 = 3 → 3/3; all importance 4: (1/3 + 1 + 1) / 3
    assert "78<span" in html
    assert "Nearly ready" in html
    assert "at least 85%" in html and "at least 65%" in html
    assert "Skill by skill" in html and "CRM software" in html


def test_the_result_warns_when_self_rating_and_scenarios_disagree(client, submitted):
    html = client.get(result_url(submitted)).content.decode()
    assert "Where your answers disagree" in html
    assert "One skill, what it means and what to do" in html
    assert "self-rated 5, the situation answers look like level 1" in html


def test_the_result_warns_about_identical_ratings(client, role, start):
    assessment = submit(
        client, start(role), crm="3", typing="3", empathy="3", scenario="angry-caller-option-2"
    )
    assert "Every skill got the same rating." in client.get(result_url(assessment)).content.decode()


def test_next_steps_list_resources_for_each_exact_step(client, submitted):
    html = client.get(result_url(submitted)).content.decode()
    assert "CRM software, from 1 to 3" in html
    assert "From 1 (Novice) to 2 (Developing)" in html
    assert html.index("Shadow a CRM power user") < html.index("Build three saved views")


def test_the_chart_is_svg_with_a_text_alternative(client, submitted):
    html = client.get(result_url(submitted)).content.decode()
    assert '<svg class="bar-chart"' in html and 'role="img"' in html
    assert "the same numbers as a table" in html
    assert "<script" not in html


def test_the_json_has_the_same_numbers(client, submitted):
    document = result_json(client, submitted)
    assert document["schema"] == "skills-gap/result/v2"
    assert document["readiness_percent"] == 77.8
    assert document["verdict"] == "nearly"
    crm = next(s for s in document["skills"] if s["skill"] == "crm")
    assert (crm["required_level"], crm["measured_level"], crm["gap"], crm["priority"]) == (
        3,
        1,
        2,
        8,
    )
    assert document["gaps"] == ["crm"]
    assert document["strengths"] == ["typing", "empathy"]
    assert document["recommendations"][0]["skill"] == "crm"
    assert [step["from_level"] for step in document["recommendations"][0]["steps"]] == [1, 2]
    assert document["flags"]["calibration"][0]["skill"] == "empathy"
    assert document["flags"]["straight_lining"] is False
    assert document["ladder"]["rungs"][0]["slug"] == "associate"
    assert document["previous"] is None


def page_without_csrf(client, assessment) -> str:
    return without_csrf(client.get(result_url(assessment)))


def test_a_finished_result_never_changes_after_catalog_edits(client, submitted):
    client.get(result_url(submitted))  # shows the one-off "submitted" message
    before_html = page_without_csrf(client, submitted)
    before_json = result_json(client, submitted)
    Requirement.objects.filter(role=submitted.role).update(required_level=5, importance=1)
    Resource.objects.all().delete()
    assert result_json(client, submitted) == before_json
    assert page_without_csrf(client, submitted) == before_html


def test_a_role_whose_requirements_were_deleted_still_renders(client, submitted):
    Requirement.objects.filter(role=submitted.role).delete()
    response = client.get(result_url(submitted))
    assert response.status_code == 200
    assert "CRM software" in response.content.decode()


def test_a_retake_shows_the_change_since_the_last_attempt(client, role, submitted, start):
    client.post(reverse("assessments:start", args=[role.slug]), {"restart": "1"})
    retake = Assessment.objects.in_progress().get()
    retake = submit(
        client, retake, crm="3", typing="4", empathy="3", scenario="angry-caller-option-3"
    )
    document = result_json(client, retake)
    assert document["previous"]["assessment"] == str(submitted.pk)
    assert document["previous"]["readiness_change"] == 22.2
    crm = next(s for s in document["skills"] if s["skill"] == "crm")
    assert crm["change"] == 2
    html = client.get(result_url(retake)).content.decode()
    assert "+22.2 points since your previous attempt" in html
    listing = client.get(reverse("assessments:list")).content.decode()
    assert listing.count("Associate") >= 2 and "100%" in listing and "78%" in listing


def test_strangers_and_unfinished_assessments_get_no_result(client, role, submitted, start):
    stranger = Client()
    assert stranger.get(result_url(submitted)).status_code == 404
    assert stranger.get(reverse("assessments:result_json", args=[submitted.pk])).status_code == 404
    client.post(reverse("assessments:start", args=[role.slug]), {"restart": "1"})
    unfinished = Assessment.objects.in_progress().get()
    assert client.get(result_url(unfinished)).url == step_url(unfinished, 1)
    assert client.get(reverse("assessments:result_json", args=[unfinished.pk])).status_code == 404


@pytest.mark.parametrize("extra", [0, 15])
def test_the_result_runs_a_fixed_number_of_queries(
    client, role, start, extra, make_skill, make_requirement, django_assert_max_num_queries
):
    for _ in range(extra):
        make_requirement(
            role=role, skill=make_skill(category=role.requirements.first().skill.category)
        )
    assessments = []
    for _ in range(1 + extra // 5):
        client.post(reverse("assessments:start", args=[role.slug]), {"restart": "1"})
        assessment = Assessment.objects.in_progress().get()
        answers = {f"rating-{r.skill.slug}": "3" for r in role.requirements.select_related("skill")}
        for number in (1, 2, 3):  # the ratings' pages, then the situations
            client.post(
                step_url(assessment, number),
                {**answers, "scenario-angry-caller": "angry-caller-option-1"},
            )
        client.post(reverse("assessments:review", args=[assessment.pk]))
        assessments.append(assessment)
    # The roles to move to rank over the catalog's requirement matrix, read once per process
    # and catalog revision (tests/assessments/test_moves_pages.py counts the page cold).
    revision = current_revision()
    requirement_matrix(revision), crosswalk_links(revision)
    with django_assert_max_num_queries(4):
        assert client.get(result_url(assessments[-1])).status_code == 200
    second = client.get(result_url(assessments[-1]))  # without the "submitted" message
    with django_assert_max_num_queries(4):  # the rendered report now comes from the cache
        third = client.get(result_url(assessments[-1]))
    assert without_csrf(third) == without_csrf(second)
    json_url = reverse("assessments:result_json", args=[assessments[-1].pk])
    with django_assert_max_num_queries(4):
        body = client.get(json_url).content
    with django_assert_max_num_queries(3):  # the JSON too: the document is not even read
        assert client.get(json_url).content == body
    with django_assert_max_num_queries(4):
        client.get(reverse("assessments:result_json", args=[assessments[-1].pk]))
    with django_assert_max_num_queries(4):
        client.get(reverse("assessments:list"))


def test_no_browser_or_proxy_keeps_a_copy_of_a_result(client, submitted):
    for url in (result_url(submitted), reverse("assessments:result_json", args=[submitted.pk])):
        assert "no-store" in client.get(url)["Cache-Control"], url
