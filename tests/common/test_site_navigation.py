"""The header's links (`{% site_navigation %}`): rendered once per language and navigation
state, the counselor's link without a query while the cache is shared, and an admin's change
to a user's groups seen on the very next page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.translation import get_language

from common.templatetags.site_navigation import navigation_key
from counselors.models import COUNSELORS_GROUP
from counselors.services import counselor_make


@pytest.fixture
def page(db):
    return reverse("careers:skill_list")


@pytest.fixture
def shared_cache(settings):
    settings.CACHE_IS_SHARED = True


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def header(response) -> str:
    return re.search(r"<header.*?</header>", response.content.decode(), re.S)[0]


def test_anonymous_visitors_see_log_in_and_sign_up(page):
    links = header(Client().get(page))
    assert "Log in" in links and "Sign up" in links and "Log out" not in links


def test_the_links_are_kept_once_per_navigation_state(page, seeker):
    Client().get(page)
    signed_in(seeker).get(page)

    assert "Log in" in cache.get(navigation_key("anonymous"))
    assert "Log out" in cache.get(navigation_key("signed-in"))
    assert get_language() in navigation_key("signed-in")


def test_the_logout_form_carries_this_pages_token_and_logs_out(page, seeker):
    signed_in(seeker).get(page)  # the links are cached by another request
    client = signed_in(seeker, enforce_csrf_checks=True)

    links = header(client.get(page))

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', links)[1]
    logged_out = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert logged_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_counselor_sees_clients_and_a_job_seeker_does_not(page, seeker, counselor):
    assert "Clients" in header(signed_in(counselor).get(page))
    assert "Clients" not in header(signed_in(seeker).get(page))


def test_the_counselor_link_costs_no_query_with_a_shared_cache(
    shared_cache, page, counselor, django_assert_max_num_queries
):
    client = signed_in(counselor)
    client.get(page)  # reads the groups once
    with django_assert_max_num_queries(20) as queries:
        client.get(page)
    assert not [q for q in queries.captured_queries if "auth_group" in q["sql"]]


def test_an_admins_change_to_the_counselors_group_shows_on_the_next_page(
    shared_cache, page, seeker
):
    client = signed_in(seeker)
    assert "Clients" not in header(client.get(page))

    counselor_make(user=seeker)
    assert "Clients" in header(client.get(page))

    seeker.groups.remove(Group.objects.get(name=COUNSELORS_GROUP))
    assert "Clients" not in header(client.get(page))


def test_on_a_phone_the_links_are_behind_a_menu_too(page, seeker):
    links = header(signed_in(seeker).get(page))
    menu = re.search(r'<details class="site-menu.*?</details>', links, re.S)[0]
    assert "<summary" in menu and "Account" in menu and "Log out" in menu
