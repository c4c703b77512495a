"""Starting an assessment, coming back to it, and nobody else getting in."""

from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from tests.assessments.conftest import step_url


def test_assess_me_starts_an_assessment_and_opens_page_one(client, role):
    response = client.post(reverse("assessments:start", args=[role.slug]))
    assessment = Assessment.objects.get()
    assert response.url == step_url(assessment, 1)
    assert assessment.role == role
    assert assessment.status == Assessment.Status.IN_PROGRESS
    assert assessment.owner is None
    assert len(assessment.resume_token) >= 40


def test_the_role_page_offers_the_assessment(client, role):
    content = client.get(role.get_absolute_url()).content.decode()
    assert "Assess me for this role" in content
    assert f'action="{reverse("assessments:start", args=[role.slug])}"' in content


def test_starting_again_reopens_the_unfinished_one(client, role, start):
    first = start(role)
    response = client.post(reverse("assessments:start", args=[role.slug]))
    assert response.url == step_url(first, 1)
    assert Assessment.objects.count() == 1
    assert "Continue your assessment" in client.get(role.get_absolute_url()).content.decode()


def test_start_a_new_one_instead(client, role, start):
    start(role)
    client.post(reverse("assessments:start", args=[role.slug]), {"restart": "1"})
    assert Assessment.objects.count() == 2


def test_starting_needs_a_post(client, role):
    assert client.get(reverse("assessments:start", args=[role.slug])).status_code == 405
    assert not Assessment.objects.exists()


def test_a_post_without_csrf_token_is_rejected(role):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("assessments:start", args=[role.slug]))
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_an_unknown_role_is_a_404(client, db):
    assert client.post(reverse("assessments:start", args=["astronaut"])).status_code == 404


def test_another_browser_gets_a_404_for_every_page(client, role, start):
    assessment = start(role)
    stranger = Client()
    for url in [
        step_url(assessment, 1),
        reverse("assessments:review", args=[assessment.pk]),
        reverse("assessments:result", args=[assessment.pk]),
    ]:
        assert stranger.get(url).status_code == 404
        assert stranger.post(url, {"rating-crm": "5"}).status_code == 404
    assert not assessment.ratings.exists()


def test_a_wrong_resume_token_is_a_404(client, role, start):
    start(role)
    assert Client().get(reverse("assessments:resume", args=["not-the-token"])).status_code == 404


def test_the_resume_link_works_from_another_device(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "4", "direction": "next"})
    other_device = Client()
    response = other_device.get(assessment.get_resume_url())
    assert response.url == step_url(assessment, 2)
    page_one = other_device.get(step_url(assessment, 1)).content.decode()
    assert 'value="4" id="id_rating-crm_3" checked' in page_one.replace("  ", " ")


def test_the_resume_link_works_after_the_session_expired(client, role, start):
    assessment = start(role)
    client.post(step_url(assessment, 1), {"rating-crm": "2", "direction": "next"})
    client.session.flush()
    client.cookies.clear()
    assert client.get(step_url(assessment, 1)).status_code == 404
    assert client.get(assessment.get_resume_url()).url == step_url(assessment, 2)
    assert client.get(step_url(assessment, 1)).status_code == 200


def test_the_resume_link_is_shown_while_answering(client, role, start):
    assessment = start(role)
    content = client.get(step_url(assessment, 1)).content.decode()
    assert assessment.get_resume_url() in content


def test_my_assessments_lists_this_browsers_assessments(client, role, start):
    start(role)
    content = client.get(reverse("assessments:list")).content.decode()
    assert "Associate" in content and "In progress" in content
    assert "Associate" not in Client().get(reverse("assessments:list")).content.decode()
