"""The review lists what is missing; submitting completes the assessment exactly once."""

from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from tests.assessments.conftest import step_url


def review_url(assessment) -> str:
    return reverse("assessments:review", args=[assessment.pk])


def answer_everything(client, assessment):
    client.post(step_url(assessment, 1), {"rating-crm": "3", "rating-typing": "4"})
    client.post(step_url(assessment, 2), {"rating-empathy": "3"})
    client.post(step_url(assessment, 3), {"scenario-angry-caller": "angry-caller-option-3"})


def test_the_review_lists_unanswered_items_with_links(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "3"})
    html = client.get(review_url(assessment)).content.decode()
    assert "2 items still need an answer" in html
    assert f'href="{step_url(assessment, 1)}#div_id_rating-typing"' in html
    assert f'href="{step_url(assessment, 2)}#div_id_rating-empathy"' in html
    assert "3 · Competent" in html  # the answer already given
    # Empathy rated at the required level: its situation is asked, on the situations page.
    client.post(step_url(assessment, 2), {"rating-empathy": "4"})
    html = client.get(review_url(assessment)).content.decode()
    assert "2 items still need an answer" in html
    assert f'href="{step_url(assessment, 3)}#div_id_scenario-angry-caller"' in html


def test_a_rating_below_the_requirement_asks_no_situation_and_keeps_its_answer(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 2), {"rating-empathy": "4"})
    client.post(step_url(assessment, 3), {"scenario-angry-caller": "angry-caller-option-2"})
    client.post(step_url(assessment, 2), {"rating-empathy": "2"})
    page = client.get(step_url(assessment, 3)).content.decode()
    assert 'name="scenario-angry-caller"' not in page
    assert "No situations to check" in page
    assert assessment.scenario_answers.count() == 1  # kept, not shown
    client.post(step_url(assessment, 1), {"rating-crm": "3", "rating-typing": "4"})
    client.post(review_url(assessment))
    assessment.refresh_from_db()
    document = assessment.results.get().document
    empathy = next(s for s in document["skills"] if s["skill"] == "empathy")
    assert empathy["scenario_level"] is None  # self-rated only: the old answer is not scored


def test_submitting_with_gaps_says_which_and_loses_nothing(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "3", "note-crm": "Kept"})
    response = client.post(review_url(assessment))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was lost — answer these and submit again." in html
    assert "Rate yourself on “Typing”" in html
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS
    assert assessment.ratings.get(skill__slug="crm").evidence_note == "Kept"


def test_a_complete_assessment_submits_and_opens_its_result(client, role, start):
    assessment = start(role)
    answer_everything(client, assessment)
    assert "Everything is answered" in client.get(review_url(assessment)).content.decode()
    response = client.post(review_url(assessment))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.submitted_at is not None
    assert response.url == reverse("assessments:result", args=[assessment.pk])
    result = client.get(response.url).content.decode()
    assert "Your assessment is submitted." in result
    assert "How ready you are for Associate" in result
    assert assessment.results.get().document["readiness_percent"] == 100.0


def test_a_double_submit_changes_nothing(client, role, start):
    assessment = start(role)
    answer_everything(client, assessment)
    client.post(review_url(assessment))
    assessment.refresh_from_db()
    first_submitted_at = assessment.submitted_at
    response = client.post(review_url(assessment))
    assert response.url == reverse("assessments:result", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.submitted_at == first_submitted_at


def test_an_unfinished_result_redirects_its_owner_to_where_they_stopped(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "3", "direction": "next"})
    assert client.get(reverse("assessments:result", args=[assessment.pk])).url == step_url(
        assessment, 2
    )


def test_a_stranger_cannot_submit(client, role, start):
    assessment = start(role)
    answer_everything(client, assessment)
    assert Client().post(review_url(assessment)).status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS


def test_the_review_runs_a_fixed_number_of_queries(
    client, role, start, make_skill, make_requirement, django_assert_max_num_queries
):
    for _ in range(20):
        make_requirement(role=role, skill=make_skill())
    assessment = start(role)
    with django_assert_max_num_queries(10):
        client.get(review_url(assessment))
