"""A read-only link shows one result to someone without an account, until it expires."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.access import STARTED_KEY
from assessments.models import PublicLink


@pytest.fixture
def result(seeker, role, make_submitted):
    return make_submitted(role, owner=seeker, level=2)


def create_link(client, assessment, days=30):
    return client.post(
        reverse("assessments:public_link_create", args=[assessment.pk]), {"days": days}
    )


def test_a_link_shows_the_result_without_account_details(client, seeker, result):
    client.force_login(seeker)
    create_link(client, result, days=7)
    link = PublicLink.objects.get()
    assert link.expires_at - timezone.now() > datetime.timedelta(days=6)
    html = Client().get(link.get_absolute_url()).content.decode()
    assert "How ready this person is for Associate" in html
    assert "A read-only copy of someone" in html
    for private in ("samira", "Samira", "Retake", "Share this result", "Log out"):
        assert private not in html


def test_an_expired_or_revoked_link_is_gone_and_says_so(client, seeker, result):
    client.force_login(seeker)
    create_link(client, result)
    link = PublicLink.objects.get()
    PublicLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    expired = Client().get(link.get_absolute_url())
    assert expired.status_code == 410
    assert "The link expired on" in expired.content.decode()
    assert "How ready" not in expired.content.decode()
    PublicLink.objects.update(expires_at=timezone.now() + datetime.timedelta(days=1))
    client.post(reverse("assessments:public_link_revoke", args=[link.pk]))
    revoked = Client().get(link.get_absolute_url())
    assert revoked.status_code == 410
    assert "has withdrawn the link" in revoked.content.decode()
    assert "How ready" not in revoked.content.decode()


def test_an_unknown_link_is_not_found(db):
    assert Client().get(reverse("assessments:public_result", args=["nope"])).status_code == 404


def test_only_the_owner_creates_and_revokes_links(client, make_user, seeker, result):
    client.force_login(make_user("mallory"))
    assert create_link(client, result).status_code == 404
    link = PublicLink.objects.create(
        assessment=result, expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert client.post(reverse("assessments:public_link_revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert link.is_usable


def test_a_link_does_not_reveal_the_previous_attempt(client, seeker, role, make_submitted, result):
    retake = make_submitted(role, owner=seeker, level=4, previous=result)
    assert retake.results.get().document["previous"] is not None
    client.force_login(seeker)
    # The owner's view, with the comparison, is rendered (and cached) first.
    assert "since your previous attempt" in client.get(retake.get_absolute_url()).content.decode()
    create_link(client, retake)
    html = Client().get(PublicLink.objects.get().get_absolute_url()).content.decode()
    assert "since your previous attempt" not in html


def test_an_anonymous_attempt_gets_no_public_link(client, role, make_submitted):
    """Nobody could ever revoke it: an anonymous attempt has no account to do it from."""
    anonymous = make_submitted(role, owner=None)
    session = client.session  # the browser that took it, so it may read the result
    session[STARTED_KEY] = [str(anonymous.pk)]
    session.save()
    assert client.get(anonymous.get_absolute_url()).status_code == 200
    response = create_link(client, anonymous)
    assert response.status_code == 404
    assert not PublicLink.objects.exists()


def test_holding_a_resume_link_is_not_owning_the_result(client, make_user, seeker, result):
    client.force_login(make_user("someone-else"))
    client.get(result.get_resume_url())
    create_link(client, result)
    assert not PublicLink.objects.exists()


def test_no_browser_or_proxy_keeps_a_copy_of_a_linked_result(result):
    link = PublicLink.objects.create(assessment=result, expires_at="2099-01-01T00:00:00Z")
    assert "no-store" in Client().get(link.get_absolute_url())["Cache-Control"]
