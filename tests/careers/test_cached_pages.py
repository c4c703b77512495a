"""Catalog pages kept whole in the cache (careers/views.py, common/page_cache.py): one query
for a page served from it, a catalog edit seen at once (also with the revision itself kept in
a shared cache), and the start button still made for a visitor who has attempts."""

import pytest
from django.test import Client
from django.urls import reverse

from careers.models import CatalogRevision
from careers.revision import bump_revision, current_revision
from tests.html import without_csrf


@pytest.fixture
def pages(role):
    skill = role.requirements.first().skill
    return [
        reverse("careers:home"),
        reverse("careers:track_detail", args=[role.track.slug]),
        role.get_absolute_url(),
        reverse("careers:skill_list"),
        skill.get_absolute_url(),
        reverse("careers:occupation_search"),
        reverse("careers:occupation_search") + "?q=agent",
    ]


@pytest.fixture
def shared_cache(settings):
    settings.CACHE_IS_SHARED = True


def test_a_page_from_the_cache_runs_only_the_revisions_query(pages, django_assert_num_queries):
    for url in pages:
        first = Client().get(url)
        with django_assert_num_queries(1):
            again = Client().get(url)
        assert without_csrf(again) == without_csrf(first), url


def test_with_a_shared_cache_a_page_from_it_runs_no_query(
    shared_cache, pages, django_assert_num_queries
):
    for url in pages:
        Client().get(url)
        with django_assert_num_queries(0):
            assert Client().get(url).status_code == 200


@pytest.mark.parametrize("shared", [False, True])
def test_a_renamed_skill_shows_on_every_page_at_once(settings, shared, role, pages):
    settings.CACHE_IS_SHARED = shared
    skill = role.requirements.first().skill
    for url in pages[2:5]:
        assert skill.name in Client().get(url).content.decode()

    skill.name = "Reading the customer's mood"
    skill.save()

    for url in pages[2:5]:
        assert "Reading the customer&#x27;s mood" in Client().get(url).content.decode(), url


def test_two_searches_get_their_own_pages(role):
    agent = Client().get(reverse("careers:occupation_search"), {"q": "agent"}).content.decode()
    nurse = Client().get(reverse("careers:occupation_search"), {"q": "nurse"}).content.decode()
    assert "“agent”" in agent and "“nurse”" in nurse


def test_a_missing_role_is_a_404_each_time(db):
    url = reverse("careers:role_detail", args=["nobody"])
    assert Client().get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_a_visitor_with_an_attempt_is_offered_to_continue_it_on_a_cached_page(client, role, start):
    Client().get(role.get_absolute_url())  # the page is kept for first-time visitors
    start(role)

    page = client.get(role.get_absolute_url()).content.decode()

    assert "Continue your assessment" in page
    assert "Continue your assessment" not in Client().get(role.get_absolute_url()).content.decode()


def test_the_shared_revision_is_the_writers_after_commit(
    shared_cache, db, django_capture_on_commit_callbacks
):
    before = current_revision()
    with django_capture_on_commit_callbacks(execute=True):
        bump_revision()
        # A reader between the write and its commit reads the old number and keeps it…
        CatalogRevision.objects.filter(pk=1).update(number=before)
        assert current_revision() == before
        CatalogRevision.objects.filter(pk=1).update(number=before + 1)
    # …and the commit puts the new one over it.
    assert current_revision() == before + 1
