"""A browser that lost its session, or its CSRF cookie, ends on a page that helps: what
happened, how to get back in, and — for a lost cookie — the answers it sent, ready to resend."""

import re
import uuid
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from assessments.services import RESUME_LINK_MAILS_PER_HOUR
from tests.assessments.conftest import step_url

LOST = "This browser can no longer open that assessment"


def test_an_expired_session_gets_a_page_about_the_resume_link_not_a_typo(role, start):
    assessment = start(role)
    response = Client().get(step_url(assessment, 1))  # a browser without the session
    html = response.content.decode()
    assert response.status_code == 404
    assert LOST in html and "private resume link you saved" in html
    assert "typo" not in html and "couldn’t find" not in html
    login = f"{reverse('accounts:login')}?{urlencode({'next': step_url(assessment, 1)})}"
    assert f'href="{login}"' in html  # log in, then back here


def test_the_page_is_the_same_for_an_assessment_that_does_not_exist(role, start):
    assessment = start(role)
    stranger = Client()
    real = stranger.get(step_url(assessment, 2)).content.decode()
    made_up = stranger.get(reverse("assessments:step", args=[uuid.uuid4(), 2])).content.decode()
    uuid_pattern = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    assert re.sub(uuid_pattern, "", real) == re.sub(uuid_pattern, "", made_up)


def test_saving_after_the_session_expired_says_the_last_answers_were_not_saved(role, start):
    assessment = start(role)
    response = Client().post(step_url(assessment, 1), {"rating-crm": "4"})
    assert response.status_code == 404
    assert "could not be saved from here" in response.content.decode()
    assert not assessment.ratings.exists()


def test_the_review_page_helps_the_same_way(role, start):
    assessment = start(role)
    response = Client().get(reverse("assessments:review", args=[assessment.pk]))
    assert response.status_code == 404 and LOST in response.content.decode()


def hidden_inputs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


@pytest.fixture
def cookieless(client, role, start):
    """The browser that started the assessment, now with its CSRF cookie gone."""
    assessment = start(role)
    client.handler.enforce_csrf_checks = True
    client.cookies.pop("csrftoken", None)
    return assessment


def test_a_lost_csrf_cookie_gets_a_styled_page_that_keeps_the_answers(client, cookieless):
    response = client.post(
        step_url(cookieless, 1),
        {"rating-crm": "4", "note-crm": "Ran the CRM switch", "csrfmiddlewaretoken": "stale"},
        HTTP_ORIGIN="http://testserver",
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Please try again" in html and "Send again" in html
    assert "CSRF verification failed" not in html
    kept = hidden_inputs(html)
    assert kept["rating-crm"] == "4" and kept["note-crm"] == "Ran the CRM switch"
    assert kept["csrfmiddlewaretoken"] != "stale"  # a fresh token, not the posted one

    # One click: the kept answers go through with the new cookie and token.
    resent = client.post(step_url(cookieless, 1), kept, HTTP_ORIGIN="http://testserver")
    assert resent.status_code == 302
    rating = cookieless.ratings.get(skill__slug="crm")
    assert (rating.level, rating.evidence_note) == (4, "Ran the CRM switch")


def test_a_cross_site_post_is_never_offered_for_sending_again(client, cookieless):
    response = client.post(
        step_url(cookieless, 1), {"rating-crm": "1"}, HTTP_REFERER="https://evil.example/x"
    )
    assert response.status_code == 403
    assert "rating-crm" not in hidden_inputs(response.content.decode())
    assert "Reload the page you came from" in response.content.decode()


def test_only_questionnaire_answers_are_kept_and_never_a_password(client, db):
    client.handler.enforce_csrf_checks = True
    response = client.post(
        reverse("accounts:login"),
        {"username": "someone", "password": "hunter22"},
        HTTP_ORIGIN="http://testserver",
    )
    html = response.content.decode()
    assert response.status_code == 403 and "hunter22" not in html and "someone" not in html


def test_every_questionnaire_page_offers_to_copy_and_email_the_resume_link(client, role, start):
    html = client.get(step_url(start(role), 1)).content.decode()
    assert re.search(r'id="resume-copy" hidden', html)  # shown by js/resume-link.js
    assert "js/resume-link.js" in html and "<script>" not in html
    assert "E-mail me this link" in html


def test_the_resume_link_is_emailed_and_the_address_kept_nowhere(client, role, start, mailoutbox):
    assessment = start(role)
    url = reverse("assessments:resume_link_email", args=[assessment.pk])
    response = client.post(url, {"email": "me@example.org", "next": step_url(assessment, 2)})
    assert response.url == step_url(assessment, 2)
    (mail,) = mailoutbox
    assert mail.to == ["me@example.org"]
    assert assessment.get_resume_url() in mail.body
    assert "me@example.org" in client.get(step_url(assessment, 2)).content.decode()  # message
    assessment.refresh_from_db()
    assert "me@example.org" not in str(vars(assessment))


def test_the_link_is_emailed_at_most_three_times_an_hour(client, role, start, mailoutbox):
    assessment = start(role)
    url = reverse("assessments:resume_link_email", args=[assessment.pk])
    for _ in range(RESUME_LINK_MAILS_PER_HOUR + 1):
        client.post(url, {"email": "me@example.org"})
    assert len(mailoutbox) == RESUME_LINK_MAILS_PER_HOUR
    page = client.get(step_url(assessment, 1)).content.decode()
    assert "three times in the last hour" in page


def test_a_bad_address_sends_nothing_and_a_stranger_cannot_send_the_link(
    client, role, start, mailoutbox
):
    assessment = start(role)
    url = reverse("assessments:resume_link_email", args=[assessment.pk])
    client.post(url, {"email": "not an address"})
    assert Client().post(url, {"email": "me@example.org"}).status_code == 404
    assert mailoutbox == []


def test_a_next_address_on_another_site_is_ignored(client, role, start):
    assessment = start(role)
    url = reverse("assessments:resume_link_email", args=[assessment.pk])
    response = client.post(url, {"email": "me@example.org", "next": "https://evil.example/"})
    assert response.url == assessment.get_absolute_url()
