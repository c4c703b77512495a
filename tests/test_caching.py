"""Nothing cached outlives what it shows. Each test first views the page, so that whatever the
page caches (a finished result's report, a catalog fragment) is in the cache, then changes what
the page shows and views it again. The catalog's own cases are in
tests/careers/test_catalog_revision.py; the same across two servers and one Redis in
tests/test_two_servers.py."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.services import public_link_create, public_link_revoke
from counselors.models import Share
from counselors.services import share_withdraw

# Each test twice: with each process's own cache and with one every server shares.
pytestmark = pytest.mark.usefixtures("cache_is_shared")


@pytest.fixture
def result(seeker, role, make_submitted):
    return make_submitted(role, owner=seeker, level=2)


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_withdrawn_share_leaves_the_counselors_pages_though_they_were_cached(
    seeker, counselor, result
):
    share = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    counselor_client = as_user(counselor)
    shared_result = reverse("counselors:result_detail", args=[result.pk])
    dashboard = reverse("counselors:dashboard")
    assert counselor_client.get(shared_result).status_code == 200
    assert "Samira" in counselor_client.get(dashboard).content.decode()

    share_withdraw(owner=seeker, share_id=share.pk)

    assert counselor_client.get(shared_result).status_code == 404
    assert "Samira" not in counselor_client.get(dashboard).content.decode()


def test_a_revoked_link_is_gone_though_its_page_was_cached(result):
    link = public_link_create(assessment=result, days=7)
    assert Client().get(link.get_absolute_url()).status_code == 200

    public_link_revoke(link=link)

    revoked = Client().get(link.get_absolute_url())
    assert revoked.status_code == 410
    assert "How ready" not in revoked.content.decode()


def test_a_new_attempt_shows_at_once_where_results_are_listed(
    seeker, counselor, role, result, make_submitted
):
    Share.objects.create(owner=seeker, counselor=counselor, role=role)
    owner, counselor_client = as_user(seeker), as_user(counselor)
    attempts = reverse("assessments:list")
    client_page = reverse("counselors:client_detail", args=[seeker.pk])
    assert str(result.pk) in owner.get(attempts).content.decode()
    assert str(result.pk) in counselor_client.get(client_page).content.decode()
    assert owner.get(result.get_absolute_url()).status_code == 200

    retake = make_submitted(role, owner=seeker, level=4, previous=result)

    assert str(retake.pk) in owner.get(attempts).content.decode()
    assert str(retake.pk) in counselor_client.get(client_page).content.decode()
    readiness = retake.results.get().document["readiness_percent"]
    dashboard = counselor_client.get(reverse("counselors:dashboard")).content.decode()
    assert f"{readiness:.0f}%" in dashboard
