"""A resume link lets its holder continue and read one attempt; it never makes the attempt
theirs, it ends when the attempt is submitted or claimed, and it expires."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.access import STARTED_KEY
from assessments.models import Assessment
from tests.accounts.test_accounts import log_in
from tests.assessments.conftest import step_url
from tests.assessments.test_review_and_submit import answer_everything, review_url


def test_opening_someone_elses_resume_link_then_logging_in_never_claims_it(
    client, role, start, seeker
):
    victims = start(role)
    attacker = Client()
    attacker.get(victims.get_resume_url())
    log_in(attacker, "samira-k")
    victims.refresh_from_db()
    assert victims.owner is None
    assert "from this browser" not in attacker.get(reverse("accounts:home")).content.decode()


def test_assess_me_never_reopens_an_attempt_opened_through_a_resume_link(client, role, start):
    theirs = start(role)
    other = Client()
    other.get(theirs.get_resume_url())
    response = other.post(reverse("assessments:start", args=[role.slug]))
    assert response.url != step_url(theirs, 1)
    assert Assessment.objects.count() == 2


def test_an_attempt_opened_through_a_resume_link_is_not_listed_as_this_browsers(
    client, role, start
):
    theirs = start(role)
    other = Client()
    other.get(theirs.get_resume_url())
    assert other.get(step_url(theirs, 1)).status_code == 200
    assert "Associate" not in other.get(reverse("assessments:list")).content.decode()


def test_a_first_result_never_compares_with_someone_elses_attempt(
    client, role, start, make_submitted
):
    victims = start(role)
    attacker = Client()
    earlier = make_submitted(role, level=1)
    session = attacker.session
    session[STARTED_KEY] = [str(earlier.pk)]
    session.save()
    attacker.get(victims.get_resume_url())
    answer_everything(attacker, victims)
    attacker.post(review_url(victims))
    assert victims.results.get().document["previous"] is None


def test_submitting_retires_the_resume_link_but_the_submitting_browser_keeps_the_result(
    client, role, start
):
    assessment = start(role)
    link = assessment.get_resume_url()
    phone, laptop = Client(), Client()
    phone.get(link)
    laptop.get(link)
    answer_everything(laptop, assessment)
    result_url = laptop.post(review_url(assessment)).url
    assert laptop.get(result_url).status_code == 200
    assert client.get(result_url).status_code == 200  # the browser that started it
    assert Client().get(link).status_code == 404
    assert phone.get(result_url).status_code == 404
    assert phone.get(reverse("assessments:result_json", args=[assessment.pk])).status_code == 404


def test_claiming_retires_the_resume_link(client, role, start, seeker):
    assessment = start(role)
    link = assessment.get_resume_url()
    other_device = Client()
    other_device.get(link)
    log_in(client, "samira-k")
    client.post(reverse("assessments:claim"), {"answer": "yes"})
    assessment.refresh_from_db()
    assert assessment.owner == seeker
    assert Client().get(link).status_code == 404
    assert other_device.get(step_url(assessment, 1)).status_code == 404
    assert client.get(step_url(assessment, 1)).status_code == 200
    assert client.get(assessment.get_resume_url()).status_code == 302  # the new link works


def test_a_resume_link_expires_when_nothing_was_saved_for_a_while(client, role, start, settings):
    assessment = start(role)
    link = assessment.get_resume_url()
    long_ago = timezone.now() - settings.RESUME_LINK_MAX_AGE - timedelta(minutes=1)
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=long_ago)
    assert Client().get(link).status_code == 404
    assert client.get(step_url(assessment, 1)).status_code == 200  # the browser that started it


def test_the_resume_link_says_how_long_it_works(client, role, start, settings):
    assessment = start(role)
    days = settings.RESUME_LINK_MAX_AGE.days
    assert f"{days} days" in client.get(step_url(assessment, 1)).content.decode()
