"""The CSRF token of a cached page is Django's token, masked with one read of the random
source, and the CSRF cookie is sent when it changes (common/csrf.py)."""

import re

import pytest
from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _mask_cipher_secret, _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from common import csrf

SECRET = "abcdefghijABCDEFGHIJ0123456789xy"


def request_with_secret(secret):
    request = HttpRequest()
    if secret is not None:
        request.META["CSRF_COOKIE"] = secret
    return request


def test_the_token_unmasks_to_the_browsers_secret_with_djangos_own_code():
    request = request_with_secret(SECRET)

    token = csrf.get_token(request)

    assert len(token) == 64
    assert set(token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == SECRET
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_each_token_has_a_mask_of_its_own():
    request = request_with_secret(SECRET)

    tokens = {csrf.get_token(request) for _ in range(50)}

    assert len(tokens) == 50
    assert {_unmask_cipher_token(token) for token in tokens} == {SECRET}


def test_without_a_secret_it_is_djangos_get_token_which_makes_one():
    request = request_with_secret(None)

    token = csrf.get_token(request)

    made = request.META["CSRF_COOKIE"]
    assert len(made) == 32
    assert _unmask_cipher_token(token) == made
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_secret_of_other_characters_is_left_to_django(monkeypatch):
    calls = []
    monkeypatch.setattr(csrf.csrf, "get_token", lambda request: calls.append(request) or "t")

    for secret in ("short", "é" * 32, "-" * 32):
        assert csrf.get_token(request_with_secret(secret)) == "t"

    assert len(calls) == 3


def test_random_bytes_that_would_skew_the_mask_are_dropped(monkeypatch):
    draws = iter([bytes([248, 255, 0, 61, 62, 247]), bytes(range(40))])
    monkeypatch.setattr(csrf.os, "urandom", lambda count: next(draws))

    indexes = csrf.random_indexes(6)

    # 248 and 255 dropped; 62 and 247 wrap to 0 and 61; the rest from the second draw.
    assert list(indexes) == [0, 61, 0, 61, 0, 1]


def test_every_character_turns_up_in_the_masks():
    drawn = b"".join(csrf.random_indexes(32) for _ in range(500))

    assert set(drawn) == set(range(62))


# --- The cookie is sent when it changes, not with every page that shows a form ----------------


def csrf_cookie(response):
    morsel = response.cookies.get(settings.CSRF_COOKIE_NAME)
    return morsel.value if morsel is not None else None


@pytest.fixture
def login_url(db):
    return reverse("accounts:login")


@pytest.fixture
def form_page(role):
    """A page with a form (the role's "start" button), served from the page cache."""
    return reverse("careers:role_detail", args=[role.slug])


def token_in(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_a_first_page_with_a_form_sets_the_cookie_and_its_token_matches(client, form_page):
    response = client.get(form_page)

    secret = csrf_cookie(response)
    assert secret is not None and len(secret) == 32
    token = token_in(response)
    assert _unmask_cipher_token(token) == secret


def test_a_browser_holding_the_cookie_is_not_sent_it_again(client, form_page):
    secret = csrf_cookie(client.get(form_page))

    again = client.get(form_page)

    assert settings.CSRF_COOKIE_NAME not in again.cookies
    assert "Cookie" in again["Vary"]
    token = token_in(again)
    assert _unmask_cipher_token(token) == secret  # the page's form still posts


def test_a_post_with_the_token_of_a_page_served_without_the_cookie_passes(role, form_page):
    client = Client(enforce_csrf_checks=True)
    client.get(form_page)
    token = token_in(client.get(form_page))

    response = client.post(
        reverse("assessments:start", args=[role.slug]), {"csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert Assessment.objects.count() == 1


def test_signing_in_sends_the_new_secret_at_once(client, login_url, make_user):
    make_user("pat")
    before = csrf_cookie(client.get(login_url))

    response = client.post(login_url, {"username": "pat", "password": "a-long-passphrase-42"})

    assert response.status_code == 302
    assert csrf_cookie(response) not in (None, before)


def test_a_cookie_in_the_old_masked_form_is_replaced_by_its_secret(client, form_page):
    secret = "abcdefghijABCDEFGHIJ0123456789xy"
    client.cookies[settings.CSRF_COOKIE_NAME] = _mask_cipher_secret(secret)

    response = client.get(form_page)

    assert csrf_cookie(response) == secret


def test_a_post_answered_with_a_form_sends_the_cookie(client, login_url):
    client.get(login_url)

    response = client.post(login_url, {"username": "nobody", "password": "wrong-password"})

    assert response.status_code == 200  # the form again, with its error
    assert csrf_cookie(response) is not None
