"""Signing up or logging in offers to add the attempts this browser started, and adds them
only when asked to."""

from django.test import Client
from django.urls import reverse

from assessments.access import STARTED_KEY
from assessments.models import Assessment
from tests.accounts.test_accounts import log_in

OFFER = "We found 1 assessment from this browser"


def test_logging_in_asks_before_adding_this_browsers_attempts(client, role, start, seeker):
    mine = start(role)
    response = log_in(client, "samira-k")
    mine.refresh_from_db()
    assert mine.owner is None
    html = client.get(response.url).content.decode()
    assert OFFER in html
    assert f'action="{reverse("assessments:claim")}"' in html
    response = client.post(reverse("assessments:claim"), {"answer": "yes"}, follow=True)
    mine.refresh_from_db()
    assert mine.owner == seeker
    html = response.content.decode()
    assert "Added 1 assessment to your account." in html
    assert OFFER not in html


def test_answering_no_keeps_them_out_of_the_account_and_stops_asking(client, role, start, seeker):
    mine = start(role)
    log_in(client, "samira-k")
    response = client.post(reverse("assessments:claim"), {"answer": "no"}, follow=True)
    mine.refresh_from_db()
    assert mine.owner is None
    assert OFFER not in response.content.decode()
    client.post(reverse("assessments:claim"), {"answer": "yes"})
    mine.refresh_from_db()
    assert mine.owner is None


def test_only_anonymous_attempts_this_browser_started_are_offered(
    client, role, start, seeker, make_user
):
    mine = start(role)
    theirs = Assessment.objects.create(role=role, owner=make_user("other"))
    session = client.session
    session[STARTED_KEY] = [str(mine.pk), str(theirs.pk)]
    session.save()
    log_in(client, "samira-k")
    assert OFFER in client.get(reverse("accounts:home")).content.decode()
    client.post(reverse("assessments:claim"), {"answer": "yes"})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.owner == seeker
    assert theirs.owner.username == "other"


def test_nothing_to_claim_asks_nothing(client, seeker):
    log_in(client, "samira-k")
    assert "from this browser" not in client.get(reverse("accounts:home")).content.decode()


def test_a_claim_needs_a_csrf_token(client, role, start, seeker):
    mine = start(role)
    log_in(client, "samira-k")
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    assert strict.post(reverse("assessments:claim"), {"answer": "yes"}).status_code == 403
    mine.refresh_from_db()
    assert mine.owner is None


def test_a_claim_takes_only_what_was_offered(client, role, seeker):
    log_in(client, "samira-k")  # nothing to offer
    slipped_in = Assessment.objects.create(role=role)
    session = client.session
    session[STARTED_KEY] = [str(slipped_in.pk)]
    session.save()
    client.post(reverse("assessments:claim"), {"answer": "yes"})
    slipped_in.refresh_from_db()
    assert slipped_in.owner is None


def test_a_claim_needs_a_login(client, role, start):
    start(role)
    response = client.post(reverse("assessments:claim"), {"answer": "yes"})
    assert response.url.startswith(reverse("accounts:login"))
