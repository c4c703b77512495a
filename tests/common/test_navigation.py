"""A visitor's navigation state (common/navigation.py): a user's groups kept in the shared
cache with the user (common/auth_backend.py), and an admin's change to them seen on the very
next request."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory

from common.auth_backend import CachedUserBackend
from common.navigation import group_names, navigation_state
from counselors.models import COUNSELORS_GROUP


@pytest.fixture
def shared_cache(settings):
    settings.CACHE_IS_SHARED = True


@pytest.fixture
def counselors_group(db):
    return Group.objects.create(name=COUNSELORS_GROUP)


def state_of(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return navigation_state(request)


def fresh(user):
    """The same user as the next request loads it: from the shared cache's entry when there
    is one, else from the database with nothing kept on the object."""
    return CachedUserBackend().get_user(user.pk)


def test_an_anonymous_visitor_costs_no_query(db, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert state_of(AnonymousUser()) == "anonymous"


def test_a_signed_in_visitor_names_their_groups(seeker, counselors_group):
    assert state_of(seeker) == "signed-in"
    seeker.groups.add(counselors_group)
    assert state_of(fresh(seeker)) == "signed-in:Counselors"


def test_with_a_shared_cache_the_groups_are_read_once(
    shared_cache, seeker, counselors_group, django_assert_num_queries
):
    seeker.groups.add(counselors_group)
    group_names(fresh(seeker))
    next_request_user = fresh(seeker)

    with django_assert_num_queries(0):
        assert group_names(next_request_user) == {COUNSELORS_GROUP}


def test_without_a_shared_cache_each_request_reads_them(
    seeker, counselors_group, django_assert_num_queries
):
    group_names(fresh(seeker))
    next_request_user = fresh(seeker)

    with django_assert_num_queries(1):
        group_names(next_request_user)


def test_a_user_added_to_a_group_by_an_admin_has_it_at_once(shared_cache, seeker, counselors_group):
    assert state_of(fresh(seeker)) == "signed-in"

    seeker.groups.add(counselors_group)

    assert state_of(fresh(seeker)) == "signed-in:Counselors"


def test_a_user_removed_from_a_group_loses_it_at_once(shared_cache, seeker, counselors_group):
    seeker.groups.add(counselors_group)
    assert state_of(fresh(seeker)) == "signed-in:Counselors"

    seeker.groups.remove(counselors_group)

    assert state_of(fresh(seeker)) == "signed-in"


def test_changes_from_the_groups_side_are_seen_at_once(
    shared_cache, seeker, make_user, counselors_group
):
    other = make_user("other")
    assert state_of(fresh(seeker)) == state_of(fresh(other)) == "signed-in"

    counselors_group.user_set.add(seeker, other)
    assert state_of(fresh(seeker)) == state_of(fresh(other)) == "signed-in:Counselors"

    counselors_group.user_set.clear()
    assert state_of(fresh(seeker)) == state_of(fresh(other)) == "signed-in"


def test_a_renamed_or_deleted_group_is_seen_at_once(shared_cache, seeker, counselors_group):
    seeker.groups.add(counselors_group)
    assert state_of(fresh(seeker)) == "signed-in:Counselors"

    counselors_group.name = "Mentors"
    counselors_group.save()
    assert state_of(fresh(seeker)) == "signed-in:Mentors"

    counselors_group.delete()
    assert state_of(fresh(seeker)) == "signed-in"
