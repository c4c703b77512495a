"""A result page is cached whole per result, viewer kind, link options and language
(`common.page_cache`), and nothing it keeps outlives what it shows: whom it is shared with, its
read-only links, a new attempt, a catalog edit. One viewer's copy is never served to another."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import PublicLink
from assessments.services import result_create
from careers.models import Role
from counselors.models import Share
from counselors.services import counselor_make
from tests.assessments.test_moves_pages import moves_section

# Each test twice: with each process's own cache and with one every server shares.
pytestmark = pytest.mark.usefixtures("cache_is_shared")


@pytest.fixture
def earlier(seeker, role, make_submitted):
    return make_submitted(role, owner=seeker, level=1)


@pytest.fixture
def result(seeker, role, make_submitted, earlier):
    return make_submitted(role, owner=seeker, level=2, previous=earlier)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(response.content.decode().split())


def owner_client(seeker) -> Client:
    client = Client()
    client.force_login(seeker)
    return client


def counselor_client(counselor) -> Client:
    client = Client()
    client.force_login(counselor)
    return client


def make_link(result, **options) -> PublicLink:
    return PublicLink.objects.create(
        assessment=result, expires_at=timezone.now() + datetime.timedelta(days=7), **options
    )


def test_a_withdrawn_share_leaves_the_cached_owner_page_at_once(seeker, counselor, result):
    owner = owner_client(seeker)
    shared = Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    assert "Casey — this result" in page(owner, result.get_absolute_url())
    assert "Casey — this result" in page(owner, result.get_absolute_url())  # from the cache

    owner.post(reverse("counselors:share_withdraw", args=[shared.pk]))

    assert "Casey —" not in page(owner, result.get_absolute_url())


def test_a_new_share_shows_on_the_cached_owner_page_at_once(seeker, counselor, result):
    owner = owner_client(seeker)
    page(owner, result.get_absolute_url())
    Share.objects.create(owner=seeker, counselor=counselor, role=result.role)
    assert "Casey — all your results for this role" in page(owner, result.get_absolute_url())


def test_a_revoked_link_shows_as_revoked_to_the_owner_and_is_gone_for_its_holder(seeker, result):
    owner = owner_client(seeker)
    link = make_link(result)
    visitor = Client()
    assert "works until" in page(owner, result.get_absolute_url())
    assert "How ready this person is" in page(visitor, link.get_absolute_url())
    assert "How ready this person is" in page(visitor, link.get_absolute_url())  # cached

    owner.post(reverse("assessments:public_link_revoke", args=[link.pk]))

    assert "works until" not in page(owner, result.get_absolute_url())
    assert "revoked" in page(owner, result.get_absolute_url())
    gone = visitor.get(link.get_absolute_url())
    assert gone.status_code == 410
    assert "How ready" not in gone.content.decode()


def test_a_link_that_expires_is_gone_though_its_page_was_cached(seeker, result):
    link = make_link(result)
    page(Client(), link.get_absolute_url())
    PublicLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert Client().get(link.get_absolute_url()).status_code == 410
    assert "expired" in page(owner_client(seeker), result.get_absolute_url())


def test_a_new_link_shows_in_full_on_the_cached_owner_page(seeker, result):
    owner = owner_client(seeker)
    page(owner, result.get_absolute_url())
    response = owner.post(
        reverse("assessments:public_link_create", args=[result.pk]), {"days": 7}, follow=True
    )
    link = PublicLink.objects.get()
    assert link.get_absolute_url() in response.content.decode()
    # Again without the message, from the cached page: the link is still there, highlighted.
    again = page(owner, response.redirect_chain[-1][0])
    assert link.get_absolute_url() in again and "new-link" in again


def test_a_new_attempt_has_its_own_page_and_the_counselor_sees_its_comparison_once_shared(
    seeker, counselor, role, earlier, result, make_submitted
):
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    viewer = counselor_client(counselor)
    url = reverse("counselors:result_detail", args=[result.pk])
    assert "points since the previous attempt" not in page(viewer, url)  # not shared

    Share.objects.create(owner=seeker, counselor=counselor, assessment=earlier)

    assert "points since the previous attempt" in page(viewer, url)
    newer = make_submitted(role, owner=seeker, level=4, previous=result)
    owner = owner_client(seeker)
    assert page(owner, newer.get_absolute_url()) != page(owner, result.get_absolute_url())
    assert "points since your previous attempt" in page(owner, newer.get_absolute_url())


def test_a_renamed_client_is_named_at_once_on_the_counselors_cached_page(seeker, counselor, result):
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    viewer = counselor_client(counselor)
    url = reverse("counselors:result_detail", args=[result.pk])
    assert "Shared with you by Samira" in page(viewer, url)
    seeker.first_name = "Sam"
    seeker.save()
    assert "Shared with you by Sam." in page(viewer, url)


def test_the_owners_sharing_panel_is_never_shown_to_anyone_else(seeker, counselor, result):
    link = make_link(result)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    owner_page = page(owner_client(seeker), result.get_absolute_url())
    assert "Share this result" in owner_page and "Casey — this result" in owner_page

    for html in (
        page(counselor_client(counselor), reverse("counselors:result_detail", args=[result.pk])),
        page(Client(), link.get_absolute_url()),
    ):
        assert "Share this result" not in html
        assert "Casey —" not in html
        assert link.get_absolute_url() not in html


def test_a_browser_holding_the_attempt_gets_no_sharing_panel_after_the_owner(
    client, seeker, role, make_submitted
):
    anonymous = make_submitted(role, level=2)
    session = client.session
    session["assessment_ids"] = [str(anonymous.pk)]
    session.save()
    assert "Create a free account" in page(client, anonymous.get_absolute_url())
    anonymous.owner = seeker
    anonymous.save()
    owner = owner_client(seeker)
    assert "Share this result" in page(owner, anonymous.get_absolute_url())
    assert "Share this result" not in page(client, anonymous.get_absolute_url())


def test_evidence_stays_hidden_on_a_link_without_it_after_pages_with_it_are_cached(
    seeker, counselor, earlier, result
):
    result.ratings.update(evidence_note="Ran the till at the summer fair")
    result.results.all().delete()
    result_create(assessment=result, previous=earlier)
    with_evidence = make_link(result, show_evidence=True)
    without = make_link(result)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    assert "Ran the till" in page(owner_client(seeker), result.get_absolute_url())
    assert "Ran the till" in page(
        counselor_client(counselor), reverse("counselors:result_detail", args=[result.pk])
    )
    assert "Ran the till" in page(Client(), with_evidence.get_absolute_url())

    assert "Ran the till" not in page(Client(), without.get_absolute_url())


@pytest.mark.parametrize("viewer", ["owner", "counselor", "public"])
def test_a_catalog_edit_shows_at_once_on_every_cached_view(
    viewer, world, seeker, counselor, make_submitted
):
    result = make_submitted(world, owner=seeker, level=3)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    client, url = {
        "owner": (owner_client(seeker), result.get_absolute_url()),
        "counselor": (
            counselor_client(counselor),
            reverse("counselors:result_detail", args=[result.pk]),
        ),
        "public": (Client(), make_link(result).get_absolute_url()),
    }[viewer]
    assert "Cashiers and checkers" not in moves_section(page(client, url))
    page(client, url)  # from the cache

    cashiers = Role.objects.get(slug="cashiers")
    cashiers.title = "Cashiers and checkers"
    cashiers.save()  # an admin's edit: bumps the catalog revision

    assert "Cashiers and checkers" in moves_section(page(client, url))


def test_each_view_of_a_cached_result_runs_a_fixed_number_of_queries(
    seeker, counselor, result, make_counselor_user, django_assert_max_num_queries, cache_is_shared
):
    for name in ("Robin", "Jo", "Ash"):
        Share.objects.create(owner=seeker, counselor=make_counselor_user(name), assessment=result)
    Share.objects.create(owner=seeker, counselor=counselor, assessment=result)
    links = [make_link(result, show_evidence=n % 2 == 0) for n in range(4)]
    owner, viewer, visitor = owner_client(seeker), counselor_client(counselor), Client()
    counselor_url = reverse("counselors:result_detail", args=[result.pk])
    for client, url in (
        (owner, result.get_absolute_url()),
        (viewer, counselor_url),
        (visitor, links[0].get_absolute_url()),
    ):
        page(client, url)  # drawn once

    # session, user, the assessment with its result's id and its owner's sharing version,
    # the user's groups (for the navigation; kept in the cache where every server shares
    # one): the links and shares are cached under that version. With a shared cache, only
    # the session (kept in the database by the tests' settings): the user, the groups and
    # the assessment's facts come from the cache.
    with django_assert_max_num_queries(1 if cache_is_shared else 4):
        page(owner, result.get_absolute_url())
    # session, user, the user's groups (counselor?), the client's shared assessments with
    # this one's result id (is the previous attempt shared too?)
    with django_assert_max_num_queries(2 if cache_is_shared else 4):
        page(viewer, counselor_url)
    # the link with its result's id: nothing about the visitor
    with django_assert_max_num_queries(1):
        page(visitor, links[0].get_absolute_url())
    json_url = reverse("assessments:result_json", args=[result.pk])
    owner.get(json_url)
    # session, user, assessment (with a shared cache the session only): the JSON is cached too
    with django_assert_max_num_queries(1 if cache_is_shared else 3):
        owner.get(json_url)


@pytest.fixture
def make_counselor_user(make_user):
    def make(first_name: str):
        user = make_user(first_name.lower(), first_name=first_name)
        counselor_make(user=user)
        return user

    return make
