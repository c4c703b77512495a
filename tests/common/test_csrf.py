"""The CSRF token of a cached page is Django's token, masked with one read of the random
source (common/csrf.py)."""

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token

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
